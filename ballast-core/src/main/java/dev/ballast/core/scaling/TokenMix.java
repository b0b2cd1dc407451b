package dev.ballast.core.scaling;

/** The mean prompt and output lengths of a service's requests. */
public record TokenMix(double meanInputTokens, double meanOutputTokens) {
  public TokenMix {
    if (!(meanInputTokens >= 0) || !(meanOutputTokens >= 1)) {
      throw new IllegalArgumentException("token mix needs input >= 0 and output >= 1 tokens");
    }
  }

  public double meanContextTokens() {
    return meanInputTokens + meanOutputTokens;
  }
}
