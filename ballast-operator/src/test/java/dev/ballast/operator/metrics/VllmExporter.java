package dev.ballast.operator.metrics;

import java.io.IOException;
import java.util.Locale;

/**
 * A stand-in for vLLM's /metrics: the same series names and TTFT buckets, counters growing at a
 * chosen request rate of 1,000/200-token requests, 95 % of first tokens within 0.5 s and all within
 * 2.5 s. {@link #fail()} makes every scrape fail, as a crashed server would ({@link MetricsEndpoint}).
 */
final class VllmExporter implements AutoCloseable {
  private final MetricsEndpoint endpoint;
  private final long startNanos = System.nanoTime();
  private final double ratePerSecond;

  VllmExporter(double ratePerSecond) throws IOException {
    this.ratePerSecond = ratePerSecond;
    endpoint = new MetricsEndpoint(this::exposition);
  }

  int port() {
    return endpoint.port();
  }

  void fail() {
    endpoint.fail();
  }

  String exposition() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long done = Math.round(ratePerSecond * seconds);
    String m = "{model_name=\"llama\"";
    StringBuilder s = new StringBuilder();
    s.append("# TYPE vllm:request_success_total counter\n");
    s.append("vllm:request_success_total").append(m).append(",finished_reason=\"stop\"} ").append(done).append('\n');
    s.append("# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running").append(m).append("} ").append(ratePerSecond * 4).append('\n');
    s.append("# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting").append(m).append("} 0\n");
    s.append("# TYPE vllm:prompt_tokens_total counter\nvllm:prompt_tokens_total").append(m).append("} ").append(done * 1000).append('\n');
    s.append("# TYPE vllm:generation_tokens_total counter\nvllm:generation_tokens_total").append(m).append("} ").append(done * 200).append('\n');
    s.append("# TYPE vllm:gpu_cache_usage_perc gauge\nvllm:gpu_cache_usage_perc").append(m).append("} 0.42\n");
    s.append("# TYPE vllm:time_to_first_token_seconds histogram\n");
    double[] bounds = {0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
    for (double b : bounds) {
      double share = b < 0.5 ? 0.5 * b / 0.5 : b < 2.5 ? 0.95 + 0.05 * (b - 0.5) / 2.0 : 1.0;
      s.append("vllm:time_to_first_token_seconds_bucket").append(m).append(String.format(Locale.ROOT, ",le=\"%s\"} %d%n", b, Math.round(done * share)));
    }
    s.append("vllm:time_to_first_token_seconds_bucket").append(m).append(",le=\"+Inf\"} ").append(done).append('\n');
    s.append("vllm:time_to_first_token_seconds_count").append(m).append("} ").append(done).append('\n');
    s.append("vllm:time_to_first_token_seconds_sum").append(m).append("} ").append(done * 0.3).append('\n');
    return s.toString();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
