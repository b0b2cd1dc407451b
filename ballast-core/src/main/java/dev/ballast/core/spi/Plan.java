package dev.ballast.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a policy decided at one tick: the actions to take (possibly none) and a summary a person
 * reads, with the numbers behind it.
 */
public record Plan(List<Action> actions, String summary) {

  public Plan {
    actions = List.copyOf(actions);
    Objects.requireNonNull(summary, "summary");
  }

  public static Plan hold(String why) {
    return new Plan(List.of(), why);
  }

  public static Plan of(Action action) {
    return new Plan(List.of(action), action.reason());
  }

  public boolean isHold() {
    return actions.isEmpty();
  }
}
