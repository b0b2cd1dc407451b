package dev.ballast.operator.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The operator's own telemetry, in Prometheus' exposition format at {@code /metrics}. */
public final class OperatorMetrics {
  private final PrometheusRegistry registry;
  private final Histogram reconcileSeconds;
  private final Counter metricsFailures;
  private final Counter reconcileErrors;
  private final Gauge recommended;
  private final Counter extenderRequests;
  private final Counter webhookRequests;
  private final Counter nodeActions;

  public OperatorMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    reconcileSeconds = Histogram.builder().name("ballast_reconcile_seconds").help("Time to reconcile one resource").labelNames("controller").register(registry);
    metricsFailures = Counter.builder().name("ballast_metrics_failures_total").help("Metrics reads that failed (Ballast held)").register(registry);
    reconcileErrors = Counter.builder().name("ballast_reconcile_errors_total").help("Reconciles that ended in an error").register(registry);
    recommended = Gauge.builder().name("ballast_recommended_replicas").help("Replicas Ballast recommends").labelNames("scaler").register(registry);
    extenderRequests = Counter.builder().name("ballast_extender_requests_total").help("Scheduler extender requests").labelNames("verb", "code").register(registry);
    nodeActions = Counter.builder().name("ballast_node_actions_total").help("Node actions Ballast decided (done in Enforce, recommended otherwise)").labelNames("pool").register(registry);
    webhookRequests = Counter.builder().name("ballast_webhook_requests_total").help("Admission webhook requests").labelNames("allowed").register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public void reconciled(String controller, double seconds) {
    reconcileSeconds.labelValues(controller).observe(seconds);
  }

  public void poolActions(String pool, int actions) {
    nodeActions.labelValues(pool).inc(actions);
  }

  public void reconcileError() {
    reconcileErrors.inc();
  }

  public void metricsFailure() {
    metricsFailures.inc();
  }

  public void decided(String scaler, int replicas) {
    recommended.labelValues(scaler).set(replicas);
  }

  public void extender(String verb, int code) {
    extenderRequests.labelValues(verb, String.valueOf(code)).inc();
  }

  public void webhook(boolean allowed) {
    webhookRequests.labelValues(String.valueOf(allowed)).inc();
  }
}
