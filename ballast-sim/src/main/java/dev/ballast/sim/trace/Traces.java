package dev.ballast.sim.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens traces by format, and the Azure LLM 2023 traces embedded in the jar (CC-BY 4.0, see NOTICE). */
public final class Traces {
  private static final String EMBEDDED = "azure-llm-2023/";

  /** Embedded trace names. */
  public static final String CONVERSATION = "AzureLLMInferenceTrace_conv.csv";

  public static final String CODE = "AzureLLMInferenceTrace_code.csv";

  private Traces() {}

  /** One of the two embedded Azure LLM 2023 traces. */
  public static LoadedTrace embedded(String fileName) {
    String resource = EMBEDDED + fileName;
    try (InputStream in = Traces.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("embedded trace missing from the jar: " + resource);
      }
      return AzureLlmTraceReader.read("embedded:" + fileName, in, fileName.contains("code") ? "azure-code" : "azure-conv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a trace file of the given format. Rate scaling is native for ServeGen, a wrapper otherwise. */
  public static Trace read(Path path, TraceFormat format, double rateScale, double timeScale) {
    if (!Files.isRegularFile(path)) {
      throw new TraceFormatException(path.toString(), 0, "no such file");
    }
    Trace trace =
        switch (format) {
          case AZURE_LLM -> AzureLlmTraceReader.read(path);
          case GENERIC -> GenericCsvTraceReader.read(path);
          case AZURE_FUNCTIONS -> AzureFunctionsTraceReader.read(path, AzureFunctionsTraceReader.TokenMapping.DEFAULT);
          case SERVEGEN -> ServeGenTraceReader.read(path, rateScale, TokenSample.of(embedded(CONVERSATION)));
        };
    double wrapperRate = format == TraceFormat.SERVEGEN ? 1 : rateScale;
    return ScaledTrace.of(trace, wrapperRate, timeScale);
  }
}
