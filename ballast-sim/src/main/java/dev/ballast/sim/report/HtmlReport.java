package dev.ballast.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.RunResult;
import dev.ballast.sim.run.TimelineRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A self-contained HTML report of a comparison: ECharts (from its WebJar) and the data are both
 * inlined, so the file opens anywhere with no network. Charts: demand against ready capacity,
 * replicas and nodes by tier, cost per policy with the bound, the TTFT distribution, and the
 * cost–SLO frontier.
 */
public final class HtmlReport {
  /** The ECharts WebJar's version, as pinned in the parent pom and recorded inside the WebJar. */
  static final String ECHARTS_VERSION = webJarVersion("/META-INF/maven/org.webjars.npm/echarts/pom.properties");

  static final String ECHARTS = "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  static final int MAX_POINTS = 720;
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReport() {}

  public static void write(Comparison.Result c, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(c), StandardCharsets.UTF_8);
  }

  public static String render(Comparison.Result c) {
    String data = JSON.valueToTree(data(c)).toString().replace("</", "<\\/");
    StringBuilder html = new StringBuilder(1_200_000);
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Ballast report: ")
        .append(escape(c.scenario().name()))
        .append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:22px}")
        .append("table{border-collapse:collapse;font-size:13px;margin:12px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.chart{width:100%;height:420px;margin:18px 0}")
        .append("p.note{color:#555;font-size:13px;max-width:900px}")
        .append("</style>\n<script>")
        .append(resource(ECHARTS).replace("</script", "<\\/script"))
        .append("</script>\n</head>\n<body>\n<h1>Ballast report: ")
        .append(escape(c.scenario().name()))
        .append("</h1>\n<p class=\"note\">")
        .append(
            escape(
                String.format(
                    Locale.ROOT,
                    "Trace %s, seed %d, %d requests measured after a warm-up of %.0f s. Every policy replayed the same"
                        + " trace and seed. The lower bound is the work-conserving cost of the measured requests (docs/concepts.md).",
                    c.scenario().trace().name(),
                    c.seed(),
                    c.bound().requests(),
                    dev.ballast.sim.scenario.TwinSettings.warmupSeconds(c.scenario().settings(), c.scenario().trace().endSeconds()))))
        .append("</p>\n")
        .append(table(c))
        .append(perServiceTable(c))
        .append("<div class=\"chart\" id=\"chart-demand\"></div>\n<div class=\"chart\" id=\"chart-replicas\"></div>\n")
        .append("<div class=\"chart\" id=\"chart-nodes\"></div>\n<div class=\"chart\" id=\"chart-cost\"></div>\n")
        .append("<div class=\"chart\" id=\"chart-ttft\"></div>\n<div class=\"chart\" id=\"chart-frontier\"></div>\n")
        .append("<script id=\"report-data\" type=\"application/json\">")
        .append(data)
        .append("</script>\n<script>")
        .append(resource("/dev/ballast/sim/report/report.js"))
        .append("</script>\n</body></html>\n");
    return html.toString();
  }

  private static String table(Comparison.Result c) {
    StringBuilder t = new StringBuilder("<table><tr><th>policy</th><th>cost USD</th><th>x bound</th><th>GPU-hours</th><th>idle GPU-hours</th>")
        .append("<th>SLO attainment</th><th>TTFT p50 ms</th><th>TTFT p99 ms</th><th>failed</th><th>cold starts</th><th>cold-start requests</th>")
        .append("<th>mean replicas</th><th>peak replicas</th></tr>\n");
    t.append(String.format(Locale.ROOT, "<tr><td>lower bound</td><td>%.2f</td><td>1.00</td><td>%.1f</td><td colspan=\"9\"></td></tr>\n", c.bound().costUsd(), c.bound().gpuHours()));
    for (RunResult r : c.runs()) {
      Object[] cells = ResultTable.cells(r, c.bound().costUsd());
      cells[0] = escape(r.policy());
      t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%.1f</td><td>%.2f%%</td><td>%.0f</td><td>%.0f</td><td>%d</td><td>%d</td><td>%d</td><td>%.1f</td><td>%d</td></tr>\n", cells));
    }
    return t.append("</table>\n").toString();
  }

  /** For a scenario of many services, whether each met its own SLO, per policy ({@link ServiceSloSummary}). */
  private static String perServiceTable(Comparison.Result c) {
    if (!ServiceSloSummary.applies(c)) {
      return "";
    }
    StringBuilder t =
        new StringBuilder("<p class=\"note\">")
            .append(escape("Per service: a service meets its SLO when its own requests reach its target share ("
                + ServiceSloSummary.targets(c.scenario().services()) + "). USD missed: what the GPUs held by the services that missed cost."))
            .append("</p>\n<table id=\"per-service\"><tr><th>policy</th><th>services meeting their SLO</th><th>median service</th>")
            .append("<th>services with no request in SLO</th><th>USD missed</th><th>worst service</th></tr>\n");
    for (RunResult r : c.runs()) {
      ServiceSloSummary.of(r)
          .ifPresent(
              s ->
                  t.append(
                      String.format(
                          Locale.ROOT,
                          "<tr><td>%s</td><td>%d of %d</td><td>%.2f%%</td><td>%d</td><td>%.2f</td><td>%s: %.2f%% of %d</td></tr>\n",
                          escape(s.policy()), s.meeting(), s.measured(), s.medianAttainment() * 100, s.withNoneInSlo(), s.usdHeldByMissed(),
                          escape(s.worst().serviceId()), s.worst().attainment() * 100, s.worst().requests())));
    }
    return t.append("</table>\n").toString();
  }

  private static ObjectNode data(Comparison.Result c) {
    ObjectNode root = JSON.createObjectNode();
    root.put("boundUsd", c.bound().costUsd());
    root.put("ttftTargetSeconds", c.scenario().services().get(0).slo().ttftTargetSeconds());
    String focus = c.runs().stream().map(RunResult::policy).filter(n -> n.startsWith("ballast")).findFirst().orElse(c.runs().get(0).policy());
    root.put("focus", focus);
    ArrayNode runs = root.putArray("runs");
    for (RunResult r : c.runs()) {
      ObjectNode n = runs.addObject();
      n.put("name", r.policy());
      n.put("highlight", !r.policy().contains("@") || r.policy().startsWith("ballast"));
      n.put("costUsd", r.costUsd());
      n.set("timeline", timeline(r.timeline()));
      n.set("ttftCdf", cdf(r.ttftMicros()));
    }
    ArrayNode frontier = root.putArray("frontier");
    Frontier f = Frontier.of(c.runs());
    f.families()
        .forEach(
            (family, points) -> {
              ObjectNode fam = frontier.addObject();
              fam.put("family", family);
              ArrayNode ps = fam.putArray("points");
              points.stream()
                  .sorted(Comparator.comparingDouble(Frontier.Point::attainment))
                  .forEach(p -> ps.addObject().put("policy", p.name()).put("attainment", p.attainment()).put("costUsd", p.costUsd()));
            });
    return root;
  }

  /** The timeline, averaged down to at most {@link #MAX_POINTS} points per series. */
  private static ObjectNode timeline(List<TimelineRow> rows) {
    int step = Math.max(1, (int) Math.ceil(rows.size() / (double) MAX_POINTS));
    ObjectNode n = JSON.createObjectNode();
    ArrayNode t = n.putArray("t");
    ArrayNode arrivals = n.putArray("arrivals");
    ArrayNode capacity = n.putArray("capacity");
    ArrayNode ready = n.putArray("ready");
    ArrayNode starting = n.putArray("starting");
    ArrayNode pending = n.putArray("pending");
    ArrayNode sleeping = n.putArray("sleeping");
    ArrayNode nodesServing = n.putArray("nodesServing");
    ArrayNode nodesStandby = n.putArray("nodesStandby");
    ArrayNode nodesStopped = n.putArray("nodesStopped");
    ArrayNode nodesProvisioning = n.putArray("nodesProvisioning");
    for (int i = 0; i < rows.size(); i += step) {
      List<TimelineRow> chunk = rows.subList(i, Math.min(rows.size(), i + step));
      t.add(chunk.get(chunk.size() - 1).timeSeconds());
      arrivals.add(round(chunk.stream().mapToDouble(TimelineRow::arrivalsPerSecond).average().orElse(0)));
      capacity.add(round(chunk.stream().mapToDouble(TimelineRow::capacityRequestsPerSecond).average().orElse(0)));
      ready.add(round(chunk.stream().mapToDouble(TimelineRow::readyReplicas).average().orElse(0)));
      starting.add(round(chunk.stream().mapToDouble(TimelineRow::startingReplicas).average().orElse(0)));
      pending.add(round(chunk.stream().mapToDouble(TimelineRow::pendingReplicas).average().orElse(0)));
      sleeping.add(round(chunk.stream().mapToDouble(TimelineRow::sleepingReplicas).average().orElse(0)));
      nodesServing.add(round(chunk.stream().mapToDouble(TimelineRow::nodesServing).average().orElse(0)));
      nodesStandby.add(round(chunk.stream().mapToDouble(TimelineRow::nodesStandby).average().orElse(0)));
      nodesStopped.add(round(chunk.stream().mapToDouble(TimelineRow::nodesStopped).average().orElse(0)));
      nodesProvisioning.add(round(chunk.stream().mapToDouble(TimelineRow::nodesProvisioning).average().orElse(0)));
    }
    return n;
  }

  /** (seconds, share) pairs of the TTFT distribution, denser in the tail. */
  private static ArrayNode cdf(Histogram h) {
    ArrayNode a = JSON.createArrayNode();
    if (h.getTotalCount() == 0) {
      return a;
    }
    double[] ps = {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 93, 95, 97, 98, 99, 99.5, 99.9, 99.99, 100};
    for (double p : ps) {
      double seconds = Math.max(0.01, h.getValueAtPercentile(p) / 1e6);
      a.add(JSON.createArrayNode().add(round(seconds)).add(p / 100));
    }
    return a;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webJarVersion(String pomProperties) {
    java.util.Properties p = new java.util.Properties();
    try (InputStream in = HtmlReport.class.getResourceAsStream(pomProperties)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + pomProperties);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
