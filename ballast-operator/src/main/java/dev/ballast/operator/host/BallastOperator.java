package dev.ballast.operator.host;

import dev.ballast.core.catalog.DefaultCatalog;
import dev.ballast.operator.capacity.NodeConsolidation;
import dev.ballast.operator.extender.ExtenderServer;
import dev.ballast.operator.extender.KubernetesCluster;
import dev.ballast.operator.metrics.PrometheusClient;
import dev.ballast.operator.metrics.PrometheusServiceMetrics;
import dev.ballast.operator.metrics.ServiceMetricsSource;
import dev.ballast.operator.reconcile.GpuNodePoolReconciler;
import dev.ballast.operator.reconcile.InferenceScalerReconciler;
import dev.ballast.operator.reconcile.InformerClusterReads;
import dev.ballast.operator.scaling.ServingScaler;
import dev.ballast.operator.telemetry.OperatorMetrics;
import dev.ballast.operator.webhook.AdmissionWebhookServer;
import dev.ballast.operator.webhook.Pem;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: both reconcilers under the Java Operator SDK (primary status written with
 * JSON merge patches, not server-side apply; one active replica through a Lease), the scheduler
 * extender, the admission webhook, and the health and metrics endpoints.
 */
public final class BallastOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BallastOperator.class);
  private final Operator operator;
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final OperatorMetrics telemetry;
  private final HealthServer health;
  private final ExtenderServer extender;
  private final AdmissionWebhookServer webhook;
  private final KubernetesClient client;
  private final GpuNodePoolReconciler pools;
  private volatile boolean started;
  private volatile boolean closing;

  public BallastOperator(KubernetesClient client, OperatorOptions options, ServiceMetricsSource metrics, InstantSource clock) throws Exception {
    this.client = client;
    telemetry = new OperatorMetrics(new PrometheusRegistry());
    operator = new Operator(o -> {
      o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false).withCloseClientOnStop(false);
      if (options.leaderElection()) {
        o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(OperatorOptions.LEASE_NAME)
            .withLeaseNamespace(options.namespace())
            .withExitOnStopLeading(false)
            .withLeaderCallbacks(new LeaderCallbacks(() -> LOG.info("leading: lease {}/{}", options.namespace(), OperatorOptions.LEASE_NAME), this::lostLease,
                leader -> LOG.info("lease {}/{} held by {}", options.namespace(), OperatorOptions.LEASE_NAME, leader)))
            .build());
      }
    });
    InferenceScalerReconciler scalers = new InferenceScalerReconciler(client, metrics, clock, options.period(), ServingScaler.defaultSettings(), telemetry);
    scalers.setRecommendOnly(options.recommendOnly());
    NodeConsolidation consolidation = new NodeConsolidation(); // the pools' moves, shared by both reconcilers
    scalers.useConsolidation(consolidation);
    operator.register(scalers, c -> {
      if (!options.watchNamespaces().isEmpty()) {
        c.settingNamespaces(options.watchNamespaces());
      }
    });
    pools = new GpuNodePoolReconciler(client, clock, options.period(), options.nodeIdleGrace(), options.namespace(), DefaultCatalog.get(), telemetry);
    pools.setRecommendOnly(options.recommendOnly());
    pools.useConsolidation(consolidation);
    operator.register(pools);
    health = options.healthPort() < 0 ? null : new HealthServer(new InetSocketAddress(options.healthPort()), telemetry.registry(), () -> started);
    extender = options.extenderPort() < 0 ? null : new ExtenderServer(new InetSocketAddress(options.extenderPort()), new KubernetesCluster(client), telemetry);
    webhook = options.webhookPort() < 0 ? null
        : new AdmissionWebhookServer(new InetSocketAddress(options.webhookPort()), Pem.sslContext(options.webhookCert(), options.webhookKey()), telemetry);
  }

  /** The operator as {@code ballast run} starts it: metrics from Prometheus' HTTP API, the system clock. */
  public static BallastOperator forCluster(KubernetesClient client, OperatorOptions options) throws Exception {
    return new BallastOperator(client, options, new PrometheusServiceMetrics(new PrometheusClient(Duration.ofSeconds(10))), InstantSource.system());
  }

  /** Losing the lease while running means another replica may act: stop at once, as controller-runtime does, and let Kubernetes restart us. */
  private void lostLease() {
    if (!closing) {
      LOG.error("lost the lease {}: exiting so that no two replicas act", OperatorOptions.LEASE_NAME);
      Runtime.getRuntime().halt(1);
    }
  }

  public void start() {
    if (health != null) {
      health.start();
      servers.add(health);
    }
    if (extender != null) {
      extender.start();
      servers.add(extender);
    }
    if (webhook != null) {
      webhook.start();
      servers.add(webhook);
    }
    operator.start(); // fails first, and clearly, when the API server or the CRDs are missing
    InformerClusterReads caches = InformerClusterReads.start(client); // Nodes and Pods for the pool reconciler (API reads until then)
    servers.add(caches);
    pools.setClusterReads(caches);
    started = true;
    LOG.info("ballast operator started: health {}, extender {}, webhook {}", port(health), extender == null ? "off" : extender.port(), webhook == null ? "off" : webhook.port());
  }

  private static String port(HealthServer s) {
    return s == null ? "off" : String.valueOf(s.port());
  }

  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  public int extenderPort() {
    return extender == null ? -1 : extender.port();
  }

  public int webhookPort() {
    return webhook == null ? -1 : webhook.port();
  }

  public OperatorMetrics telemetry() {
    return telemetry;
  }

  @Override
  public void close() {
    started = false;
    closing = true;
    operator.stop();
    for (AutoCloseable s : servers) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", s, e.toString());
      }
    }
  }
}
