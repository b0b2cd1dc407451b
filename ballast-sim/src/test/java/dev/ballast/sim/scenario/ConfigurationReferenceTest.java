package dev.ballast.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the declared settings; regenerate it with `ballast settings`. */
class ConfigurationReferenceTest {

  @Test
  void theReferenceInDocsMatchesTheDeclarations() throws Exception {
    Path doc = Path.of("..", "docs", "configuration.md");
    assertThat(doc).exists();
    String text = Files.readString(doc);
    int begin = text.indexOf(ConfigurationReference.BEGIN);
    int end = text.indexOf(ConfigurationReference.END);
    assertThat(begin).as("generated section markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String inDoc = text.substring(begin + ConfigurationReference.BEGIN.length(), end).strip();
    assertThat(inDoc)
        .as("docs/configuration.md is out of date: paste the output of `bin/ballast settings` between the markers")
        .isEqualTo(ConfigurationReference.render().strip());
  }

  @Test
  void everyDefaultIsValidForItsOwnDeclaration() {
    for (var s : SettingsCatalog.all()) {
      assertThat(s.parse(s.render(s.defaultValue()))).as(s.key()).isEqualTo(s.defaultValue());
    }
  }
}
