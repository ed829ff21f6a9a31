package io.inlearning.spark.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateEventsTest {
  @TempDir
  Path dir;

  /** Spark's file source reads in modification-time order: the files must land in the order of their hours. */
  @Test
  void filesLandInOrderEvenWithinOneMillisecond() throws IOException {
    EventGenerator.Options events = EventGenerator.Options.builder(60, 5).files(30).arrivals(Instant.parse("2026-02-01T00:00:00Z"), Duration.ofHours(30)).lateFraction(0).malformedFraction(0).categories(1).build();
    GenerateEvents.run(GenerateEvents.Request.toFolder(events, dir));
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(f -> f.getFileName().toString().endsWith(".json")
          && !f.getFileName().toString().startsWith("_")).sorted().toList();
    }
    assertEquals(30, files.size());
    long previous = Long.MIN_VALUE;
    for (Path file : files) {
      long modified = Files.getLastModifiedTime(file).toMillis();
      assertTrue(modified > previous, file + " landed no later than the file before it");
      previous = modified;
    }
  }
}
