package dev.ballast.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTest {
  static final Setting<Duration> TIMEOUT =
      Setting.duration("x.timeout", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1), "t");
  static final Setting<Integer> LIMIT = Setting.integer("x.limit", 10, 1, 100, "l");
  static final Setting<Double> SHARE = Setting.number("x.share", 0.5, 0, 1, "s");
  static final Setting<Boolean> FLAG = Setting.flag("x.flag", false, "f");

  @Test
  void durationsReadUnitsAndBareSeconds() {
    assertThat(TIMEOUT.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(TIMEOUT.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(TIMEOUT.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(TIMEOUT.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(TIMEOUT.parse(30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(TIMEOUT.render(Duration.ofMinutes(2))).isEqualTo("2m");
  }

  @Test
  void outOfRangeAndMalformedValuesNameTheKey() {
    assertThatThrownBy(() -> TIMEOUT.parse("2h")).hasMessage("x.timeout: 2h is outside [1s, 1h]");
    assertThatThrownBy(() -> LIMIT.parse("ten")).hasMessageContaining("x.limit: 'ten' is not a valid integer");
    assertThatThrownBy(() -> LIMIT.parse(2.5)).hasMessageContaining("x.limit");
    assertThatThrownBy(() -> SHARE.parse("NaN")).hasMessageContaining("x.share");
    assertThatThrownBy(() -> FLAG.parse("maybe")).hasMessageContaining("x.flag");
    assertThat(FLAG.parse("yes")).isTrue();
  }

  @Test
  void settingsRefuseUnknownKeysAndKeepDefaults() {
    Settings s = Settings.defaults(List.of(TIMEOUT, LIMIT, SHARE));
    assertThat(s.get(LIMIT)).isEqualTo(10);
    Settings t = s.with(Map.of("x.limit", "42"));
    assertThat(t.get(LIMIT)).isEqualTo(42);
    assertThat(s.get(LIMIT)).isEqualTo(10);
    assertThatThrownBy(() -> s.with(Map.of("x.limt", 3)))
        .hasMessageContaining("unknown setting 'x.limt'")
        .hasMessageContaining("x.limit");
    assertThatThrownBy(() -> s.get(FLAG)).hasMessageContaining("not declared");
  }
}
