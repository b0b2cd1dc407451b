package dev.ballast.sim.trace;

import java.util.random.RandomGenerator;

/** (prompt, output) token pairs to draw from, for traces that carry arrivals but no lengths. */
public final class TokenSample {
  private final int[] inputs;
  private final int[] outputs;
  private final String source;

  public TokenSample(int[] inputs, int[] outputs, String source) {
    if (inputs.length == 0 || inputs.length != outputs.length) {
      throw new IllegalArgumentException("token sample needs equal, non-empty input and output arrays");
    }
    this.inputs = inputs.clone();
    this.outputs = outputs.clone();
    this.source = source;
  }

  /** All (prompt, output) pairs of a loaded trace. */
  public static TokenSample of(LoadedTrace trace) {
    int n = trace.size();
    int[] in = new int[n];
    int[] out = new int[n];
    RequestStream s = trace.open(0);
    for (int i = 0; s.next(); i++) {
      in[i] = s.inputTokens();
      out[i] = s.outputTokens();
    }
    return new TokenSample(in, out, trace.name());
  }

  int pick(RandomGenerator random) {
    return random.nextInt(inputs.length);
  }

  int input(int k) {
    return inputs[k];
  }

  int output(int k) {
    return outputs[k];
  }

  public String source() {
    return source;
  }
}
