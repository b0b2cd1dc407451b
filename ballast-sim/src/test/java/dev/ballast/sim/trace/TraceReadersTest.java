package dev.ballast.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceReadersTest {
  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static List<double[]> drain(Trace t, long seed) {
    List<double[]> rows = new ArrayList<>();
    RequestStream s = t.open(seed);
    while (s.next()) {
      rows.add(new double[] {s.time(), s.inputTokens(), s.outputTokens(), s.service()});
    }
    return rows;
  }

  @Test
  void theEmbeddedAzureTracesAreComplete() {
    LoadedTrace conv = Traces.embedded(Traces.CONVERSATION);
    LoadedTrace code = Traces.embedded(Traces.CODE);
    assertThat(conv.size()).isEqualTo(19_366);
    assertThat(code.size()).isEqualTo(8_819);
    assertThat(conv.origin()).isEqualTo(Instant.parse("2023-11-16T18:15:46.680590Z"));
    assertThat(conv.endSeconds()).isCloseTo(3501.7, within(0.1));
    List<double[]> rows = drain(conv, 0);
    assertThat(rows.get(0)).containsExactly(0.0, 374, 44, 0);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i)[0]).isGreaterThanOrEqualTo(rows.get(i - 1)[0]);
    }
  }

  @Test
  void azureRowsWithBadValuesNameFileAndLine() {
    String csv = "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47,x,4\n";
    assertThatThrownBy(() -> AzureLlmTraceReader.read("a.csv", text(csv), "a"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessage("a.csv:3: column 'ContextTokens': 'x' is not an integer");
    String badTime = "TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,1,1\n";
    assertThatThrownBy(() -> AzureLlmTraceReader.read("a.csv", text(badTime), "a")).hasMessageStartingWith("a.csv:2: column 'TIMESTAMP'");
    String negative = "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:47,-5,1\n";
    assertThatThrownBy(() -> AzureLlmTraceReader.read("a.csv", text(negative), "a")).hasMessageContaining("-5 is outside");
    assertThatThrownBy(() -> AzureLlmTraceReader.read("a.csv", text(""), "a")).hasMessageContaining("a.csv:1: file is empty");
  }

  @Test
  void genericCsvSortsRowsKeepsServicesAndRefusesTruncatedLines() {
    LoadedTrace t =
        GenericCsvTraceReader.read("g.csv", text("timestamp_s,input_tokens,output_tokens,service\n5,10,2,b\n1,20,3,a\n3,30,4,b\n"), "g");
    assertThat(t.services()).containsExactly("b", "a");
    assertThat(drain(t, 0)).extracting(r -> r[0]).containsExactly(1.0, 3.0, 5.0);
    assertThat(drain(t, 0)).extracting(r -> r[3]).containsExactly(1.0, 0.0, 0.0);
    assertThatThrownBy(() -> GenericCsvTraceReader.read("g.csv", text("timestamp_s,input_tokens,output_tokens\n1,2\n"), "g"))
        .hasMessage("g.csv:2: expected 3 columns, found 2: 1,2");
    assertThatThrownBy(() -> GenericCsvTraceReader.read("g.csv", text("timestamp_s,input_tokens,output_tokens\n1,2,0\n"), "g"))
        .hasMessageContaining("g.csv:2: column 'output_tokens': 0 is outside");
  }

  @Test
  void rateScaleMultipliesRequestsAndTimeScaleCompressesTime() {
    LoadedTrace base = Traces.embedded(Traces.CODE);
    List<double[]> scaled = drain(new ScaledTrace(base, 2.5, 1), 9);
    assertThat((double) scaled.size()).isCloseTo(2.5 * base.size(), within(0.02 * 2.5 * base.size()));
    for (int i = 1; i < scaled.size(); i++) {
      assertThat(scaled.get(i)[0]).isGreaterThanOrEqualTo(scaled.get(i - 1)[0]);
    }
    assertThat(drain(new ScaledTrace(base, 2.5, 1), 9)).hasSameSizeAs(scaled);
    List<double[]> fast = drain(new ScaledTrace(base, 1, 4), 9);
    assertThat(fast).hasSize(base.size());
    assertThat(fast.get(fast.size() - 1)[0]).isCloseTo(base.endSeconds() / 4, within(1e-9));
    assertThat(drain(new ScaledTrace(base, 0.5, 1), 9).size()).isBetween(4_200, 4_600);
  }

  @Test
  void functionInvocationsArriveWithinTheirMinute() {
    String csv = "HashOwner,HashApp,HashFunction,Trigger,480,481,482\no,a,f1aaaaaaaaaa,http,2,0,3\no,a,f2bbbbbbbbbb,timer,0,1,0\n";
    Trace t =
        AzureFunctionsTraceReader.read(
            "inv.csv", text(csv), Map.of("o/a/f1aaaaaaaaaa", 1000.0), AzureFunctionsTraceReader.TokenMapping.DEFAULT);
    assertThat(t.services()).containsExactly("fn-f1aaaaaa", "fn-f2bbbbbb");
    assertThat(t.endSeconds()).isEqualTo(180);
    List<double[]> rows = drain(t, 4);
    assertThat(rows).hasSize(6);
    assertThat(rows.stream().filter(r -> r[3] == 0 && r[0] >= 120 && r[0] < 180)).hasSize(3);
    assertThat(rows.stream().filter(r -> r[3] == 1).findFirst().orElseThrow()[0]).isBetween(60.0, 120.0);
    assertThat(rows.stream().filter(r -> r[3] == 0).findFirst().orElseThrow()[2]).isEqualTo(100); // 1000 ms at 10 ms/token
    assertThatThrownBy(
            () -> AzureFunctionsTraceReader.read("inv.csv", text(csv.replace(",3\n", ",-3\n")), Map.of(), AzureFunctionsTraceReader.TokenMapping.DEFAULT))
        .hasMessageContaining("inv.csv:2: minute column 3: negative count -3");
  }

  @Test
  void serveGenWindowsBecomeArrivalsAtTheirRate() {
    String csv =
        "client_id,window_start_s,rate_rps,cv,iat_dist,iat_param1,iat_param2\n"
            + "0,0,2.0,1.0,Gamma,1.0,0.5\n0,600,0,0,,0,0\n1,0,1.0,2.0,Weibull,0.5,1.0\n1,600,0.5,1.0,Gamma,0.2,5\n";
    TokenSample tokens = new TokenSample(new int[] {100, 200}, new int[] {10, 20}, "t");
    Trace t = ServeGenTraceReader.read("sg.csv", text(csv), 1.0, tokens, "sg");
    assertThat(t.endSeconds()).isEqualTo(1200);
    List<double[]> rows = drain(t, 5);
    long first = rows.stream().filter(r -> r[0] < 600).count();
    long second = rows.stream().filter(r -> r[0] >= 600).count();
    assertThat(first).isBetween(1795L, 1800L); // ceil(2*600) + ceil(1*600), the last of each at the window's end dropped
    assertThat(second).isBetween(298L, 300L);
    assertThat(drain(ServeGenTraceReader.read("sg.csv", text(csv), 0.5, tokens, "sg"), 5).size()).isBetween(1040, 1050);
    assertThatThrownBy(() -> ServeGenTraceReader.read("sg.csv", text(csv.replace("Weibull", "Pareto")), 1, tokens, "sg"))
        .hasMessageContaining("sg.csv:4: column 'iat_dist': 'Pareto' is neither Gamma nor Weibull");
  }
}
