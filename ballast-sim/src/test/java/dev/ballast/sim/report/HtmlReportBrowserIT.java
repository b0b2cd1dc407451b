package dev.ballast.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ballast.sim.run.Comparison;
import dev.ballast.sim.run.Contenders;
import dev.ballast.sim.scenario.DefaultScenarios;
import dev.ballast.sim.scenario.Scenario;
import dev.ballast.sim.scenario.SettingsCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a real report in headless Chromium (Debian's {@code chromium}) and checks that every chart
 * rendered with data and that the page logged no script error. Skipped where no browser is
 * installed, unless {@code BALLAST_REQUIRE_BROWSER} is set (as CI does).
 */
class HtmlReportBrowserIT {
  private static final int CHARTS = 6;

  @Test
  void everyChartRendersWithDataAndThePageLogsNoError(@TempDir Path dir) throws Exception {
    String browser = browser();
    boolean required = System.getenv("BALLAST_REQUIRE_BROWSER") != null;
    if (browser == null && required) {
      throw new AssertionError("BALLAST_REQUIRE_BROWSER is set but no chromium is on the PATH (apt-get install chromium)");
    }
    assumeTrue(browser != null, "no chromium on the PATH");

    Scenario s = DefaultScenarios.embeddedConversation(SettingsCatalog.defaults(), 5, 6);
    List<String> contenders = new ArrayList<>(List.of("ballast", "static-peak@40", "static-peak@70", "hpa+ca"));
    Comparison.Result c = Comparison.run(s, Contenders.parseAll(contenders, s.settings(), 1), 1, true, 2, r -> {});
    Path report = dir.resolve("report.html");
    HtmlReport.write(c, report);

    Path stderr = dir.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                browser, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--dump-dom", report.toUri().toString())
            .redirectError(stderr.toFile())
            .start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    String log = Files.readString(stderr);
    assertThat(dom).as("the rendered page").contains("</head>");
    String page = dom.substring(dom.indexOf("</head>")); // the inlined library's own source mentions <body ...>

    String errors = attribute(page, "body", "data-errors");
    assertThat(errors).as(() -> "script errors: " + attribute(page, "body", "data-error-text")).isEqualTo("0");
    assertThat(attribute(page, "body", "data-charts-rendered")).isEqualTo(String.valueOf(CHARTS));
    assertThat(Long.parseLong(attribute(page, "body", "data-points"))).isGreaterThan(CHARTS * 10);
    for (String id : List.of("chart-demand", "chart-replicas", "chart-nodes", "chart-cost", "chart-ttft", "chart-frontier")) {
      assertThat(Long.parseLong(attribute(page, "div[^>]*id=\"" + id + "\"", "data-points"))).as(id).isPositive();
    }
    assertThat(log).doesNotContain("Uncaught").doesNotContain("ReferenceError").doesNotContain("TypeError");
  }

  /** The value of attribute {@code name} on the first tag that {@code tagStart} (a regex) opens. */
  private static String attribute(String dom, String tagStart, String name) {
    Matcher tag = Pattern.compile("<" + tagStart + "[^>]*>").matcher(dom);
    assertThat(tag.find()).as("<%s> in the rendered page", tagStart).isTrue();
    Matcher attr = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag.group());
    assertThat(attr.find()).as("%s on <%s>: %s", name, tagStart, tag.group()).isTrue();
    return attr.group(1);
  }

  private static String browser() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }
}
