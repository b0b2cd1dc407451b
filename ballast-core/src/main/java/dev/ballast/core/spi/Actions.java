package dev.ballast.core.spi;

/**
 * The port through which a host carries out a plan: the twin applies actions to simulated nodes and
 * pods; the operator patches {@code /scale}, node pools and taints.
 */
public interface Actions {

  /** Carries out one action; an action the host cannot take is refused with a reason. */
  Outcome apply(Action action);

  /** What happened to an action: done, or refused with the reason. */
  record Outcome(boolean done, String refusal) {
    public static final Outcome DONE = new Outcome(true, "");

    public static Outcome refused(String why) {
      return new Outcome(false, why);
    }
  }
}
