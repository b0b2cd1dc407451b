package dev.ballast.operator.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the operator runs, declared once: {@code ballast run} and {@code ballast recommend} fill it
 * from flags, the Helm chart from its values.
 *
 * @param namespace where the operator lives: its Lease, headroom placeholders and prefetch Jobs
 * @param watchNamespaces namespaces whose InferenceScalers it reconciles; empty for all
 * @param recommendOnly treat every resource as in Recommend mode
 * @param period how often each resource is reconciled again
 * @param nodeIdleGrace how long a node stays empty before it is stopped or removed
 * @param leaderElection hold a Lease so that one replica of several acts
 * @param healthPort /healthz, /readyz and /metrics; 0 picks a free port, -1 turns it off
 * @param extenderPort the scheduler extender; -1 turns it off
 * @param webhookPort the admission webhook (HTTPS); -1 turns it off
 * @param webhookCert PEM certificate of the webhook (mounted from its Secret)
 * @param webhookKey PEM private key of the webhook
 */
public record OperatorOptions(
    String namespace,
    Set<String> watchNamespaces,
    boolean recommendOnly,
    Duration period,
    Duration nodeIdleGrace,
    boolean leaderElection,
    int healthPort,
    int extenderPort,
    int webhookPort,
    Path webhookCert,
    Path webhookKey) {
  public static final String LEASE_NAME = "ballast-operator";

  public OperatorOptions {
    Objects.requireNonNull(namespace, "namespace");
    watchNamespaces = Set.copyOf(watchNamespaces);
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
    if (webhookPort >= 0 && (webhookCert == null || webhookKey == null)) {
      throw new IllegalArgumentException("the webhook needs --webhook-cert and --webhook-key (or --webhook-port -1 to turn it off)");
    }
  }

  /** The defaults of {@code ballast run}: everything on but the webhook, which needs a certificate. */
  public static OperatorOptions defaults(String namespace) {
    return new OperatorOptions(namespace, Set.of(), false, Duration.ofSeconds(15), Duration.ofMinutes(10), true, 8081, 8888, -1, null, null);
  }
}
