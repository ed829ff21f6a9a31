package io.inlearning.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void durationsAsUsersWriteThem() {
    assertEquals(Duration.ofHours(1), Durations.parse("--window", "1h"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("--window", "90 minutes"));
    assertEquals(Duration.ofMillis(500), Durations.parse("--trigger", "500ms"));
    assertEquals(Duration.ofDays(2), Durations.parse("--window", "2d"));
    assertThrows(UsageException.class, () -> Durations.parse("--window", "1 fortnight"));
    assertThrows(UsageException.class, () -> Durations.positive("--window", "0s"));
  }

  @Test
  void theDefaultsPrintedInTheHelpReadBackAsThemselves() {
    for (Duration duration : new Duration[] {Duration.ofHours(1), Duration.ofHours(2), Duration.ofSeconds(2),
        Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofMillis(1500), Duration.ofDays(3)}) {
      assertEquals(duration, Durations.parse("--window", Durations.format(duration)));
    }
    assertEquals("1h", Durations.format(Duration.ofHours(1)));
    assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
    assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
  }
}
