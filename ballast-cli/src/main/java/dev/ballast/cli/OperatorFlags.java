package dev.ballast.cli;

import dev.ballast.operator.host.OperatorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The flags {@code ballast run} and {@code ballast recommend} share; the Helm chart passes them from its values. */
final class OperatorFlags {
  @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:POD_NAMESPACE:-ballast-system}",
      description = "Namespace of the operator's Lease, headroom and prefetch Jobs (default: $POD_NAMESPACE, else ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--watch-namespaces", paramLabel = "NS", split = ",", description = "Reconcile InferenceScalers in these namespaces only (default: all).")
  List<String> watchNamespaces = List.of();

  @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current one, or the in-cluster config).")
  String context;

  @Option(names = "--period", paramLabel = "SECONDS", defaultValue = "15", description = "Reconcile each resource every SECONDS (default: ${DEFAULT-VALUE}).")
  int periodSeconds;

  @Option(names = "--node-idle-grace", paramLabel = "SECONDS", defaultValue = "600",
      description = "How long a node sits empty before it is stopped or removed (default: ${DEFAULT-VALUE}).")
  int nodeIdleGraceSeconds;

  @Option(names = "--no-leader-election", negatable = false, description = "Act without holding the Lease (only with a single replica).")
  boolean noLeaderElection;

  @Option(names = "--health-port", defaultValue = "8081", description = "/healthz, /readyz and /metrics; -1 turns them off (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(names = "--extender-port", defaultValue = "8888", description = "Scheduler extender (HTTP); -1 turns it off (default: ${DEFAULT-VALUE}).")
  int extenderPort;

  @Option(names = "--webhook-port", defaultValue = "-1", description = "Admission webhook (HTTPS), needs --webhook-cert and --webhook-key; -1 is off (default: ${DEFAULT-VALUE}).")
  int webhookPort;

  @Option(names = "--webhook-cert", paramLabel = "PEM", description = "The webhook's certificate chain (PEM).")
  Path webhookCert;

  @Option(names = "--webhook-key", paramLabel = "PEM", description = "The webhook's private key (PEM, PKCS#8).")
  Path webhookKey;

  OperatorOptions options(boolean recommendOnly) {
    if (periodSeconds < 1 || nodeIdleGraceSeconds < 0) {
      throw new IllegalArgumentException("--period must be >= 1 s and --node-idle-grace >= 0 s");
    }
    return new OperatorOptions(namespace, Set.copyOf(watchNamespaces), recommendOnly, Duration.ofSeconds(periodSeconds), Duration.ofSeconds(nodeIdleGraceSeconds),
        !noLeaderElection, healthPort, extenderPort, webhookPort, webhookCert, webhookKey);
  }
}
