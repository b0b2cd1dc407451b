package dev.ballast.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/**
 * The Prometheus queries that give a service's serving state. Defaults read vLLM's own series,
 * summed over the target's pods; {@code $selector} is replaced by {@link #selector}.
 */
public class MetricsSpec {
  @Default("http://prometheus-operated.monitoring:9090")
  @JsonPropertyDescription("Prometheus base URL.")
  public String prometheusUrl = "http://prometheus-operated.monitoring:9090";

  @JsonPropertyDescription("PromQL label matchers selecting the target's series, e.g. namespace=\"ai\",model_name=\"llama\".")
  public String selector = "";

  @Min(5)
  @Default("90")
  @JsonPropertyDescription("Samples older than this many seconds are stale: Ballast holds and never scales down on them.")
  public int staleAfterSeconds = 90;

  @Default("max(timestamp(vllm:num_requests_running{$selector}))")
  @JsonPropertyDescription("When the newest sample was scraped (Unix seconds); older than staleAfterSeconds means stale.")
  public String lastScrapeTime = "max(timestamp(vllm:num_requests_running{$selector}))";

  @Default("sum(vllm:request_success_total{$selector}) + sum(vllm:num_requests_running{$selector}) + sum(vllm:num_requests_waiting{$selector})")
  @JsonPropertyDescription("Requests that reached the service so far (a counter).")
  public String arrivalsTotal = "sum(vllm:request_success_total{$selector}) + sum(vllm:num_requests_running{$selector}) + sum(vllm:num_requests_waiting{$selector})";

  @Default("sum(vllm:prompt_tokens_total{$selector})")
  @JsonPropertyDescription("Prompt tokens received so far (a counter).")
  public String promptTokensTotal = "sum(vllm:prompt_tokens_total{$selector})";

  @Default("sum(vllm:generation_tokens_total{$selector})")
  @JsonPropertyDescription("Output tokens generated so far (a counter).")
  public String outputTokensTotal = "sum(vllm:generation_tokens_total{$selector})";

  @Default("sum(vllm:num_requests_running{$selector})")
  @JsonPropertyDescription("Requests being decoded now (a gauge).")
  public String running = "sum(vllm:num_requests_running{$selector})";

  @Default("sum(vllm:num_requests_waiting{$selector})")
  @JsonPropertyDescription("Requests queued for a batch slot now (a gauge).")
  public String waiting = "sum(vllm:num_requests_waiting{$selector})";

  @Default("avg(vllm:gpu_cache_usage_perc{$selector})")
  @JsonPropertyDescription("Share of the KV cache in use, 0..1 (a gauge).")
  public String kvCacheUsage = "avg(vllm:gpu_cache_usage_perc{$selector})";

  @Default("sum(vllm:time_to_first_token_seconds_count{$selector})")
  @JsonPropertyDescription("Requests that got their first token (a counter).")
  public String firstTokensTotal = "sum(vllm:time_to_first_token_seconds_count{$selector})";

  @Default("sum(vllm:time_to_first_token_seconds_bucket{$selector,le=\"$le\"})")
  @JsonPropertyDescription("Requests whose first token came within $le seconds (a histogram bucket); $le is the SLO target.")
  public String firstTokensWithinTotal = "sum(vllm:time_to_first_token_seconds_bucket{$selector,le=\"$le\"})";

  @JsonPropertyDescription("Requests a gateway in front of the service holds while no replica is ready (a gauge), e.g. the KEDA HTTP add-on's"
      + " sum(interceptor_request_concurrency{route_namespace=\"ai\",route_name=\"llama\"}). Read only while the target is at zero (no replica asked for nor ready),"
      + " when vLLM's series are gone with the replicas: it is what wakes a service scaled to zero. Unset, such a service stays at zero until something else scales it.")
  public String heldRequests;

  /** Whether a gateway's held requests are read at zero. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean readsHeldRequests() {
    return heldRequests != null && !heldRequests.isBlank();
  }

  @Default("sum(vllm:request_failure_total{$selector}) or vector(0)")
  @JsonPropertyDescription("Requests that failed so far (a counter; vLLM has none, hence the or vector(0)).")
  public String failedTotal = "sum(vllm:request_failure_total{$selector}) or vector(0)";
}
