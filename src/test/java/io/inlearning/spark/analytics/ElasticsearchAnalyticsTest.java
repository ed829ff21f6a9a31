package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.Integration;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.WaitFor;
import io.inlearning.spark.datagen.EventGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Elasticsearch started by scripts/elasticsearch.sh (scripts/test.sh exports its URL). */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_ES_URL", matches = ".+")
class ElasticsearchAnalyticsTest {
  static final String ES = System.getenv("INLEARNING_ES_URL");

  @TempDir
  Path dir;

  static String index(String name) {
    return ("test-" + name + "-" + System.nanoTime()).toLowerCase(Locale.ROOT);
  }

  @Test
  void filesToElasticsearchGivesExactDocuments() throws Exception {
    Path drop = dir.resolve("drop");
    AnalyticsFilesTest.dropEvents(drop);
    String index = index("exact");
    StreamingAnalytics.Result result = StreamingAnalytics.run(TestSpark.session(), Requests.request(
        Requests.fileByFile(drop), Requests.elasticsearch(ES, index), dir.resolve("job/checkpoint")));
    assertEquals(AnalyticsFilesTest.EXPECTED, Recount.documents(ES, index));
    assertEquals(2L, result.metrics().counts().late().lateEventsDropped());
    assertEquals(5, TestSpark.session().read().json(dir.resolve("job/quarantine").toString()).count());
  }

  /** Stopped mid-stream, restarted on the same checkpoint: the documents equal a batch recount, no doubles. */
  @Test
  void restartFromCheckpointGivesTheSameDocuments() throws Exception {
    SparkSession spark = TestSpark.session();
    EventGenerator.Options events = EventGenerator.Options.builder(3_000, 5).files(6).arrivals(Instant.parse("2026-02-01T00:00:00Z"), Duration.ofHours(12)).lateFraction(0).malformedFraction(0.03).categories(5).build();
    Path drop = dir.resolve("drop");
    Requests.toFolder(events, drop);
    String index = index("restart");
    AnalyticsRequest options = Requests.request(Requests.fileByFile(drop), Requests.elasticsearch(ES, index),
        dir.resolve("job/checkpoint")).withTrigger(Requests.every(Duration.ofMillis(200)));

    StreamingAnalytics.Running first = StreamingAnalytics.start(spark, options);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (first.listener().batchesThisRun() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    first.stopQuietly();
    first.finish();
    assertTrue(first.listener().totalCounts().read() < 3_000, "stopped before the end");

    StreamingAnalytics.Result second = StreamingAnalytics.run(spark,
        options.withTrigger(new AnalyticsRequest.MicroBatches.AvailableNow()));
    List<String> lines = Recount.lines(new EventGenerator(events));
    assertEquals(Recount.windows(lines, Duration.ofHours(1)), Recount.documents(ES, index));
    assertEquals(Recount.courseWindows(lines, Duration.ofHours(1)), Recount.courseDocuments(ES, index));
    assertEquals(3_000L, second.metrics().counts().records().read());
    long quarantined = spark.read().json(dir.resolve("job/quarantine").toString()).count();
    assertEquals(second.metrics().counts().records().rejected(), quarantined);
    assertTrue(Files.isRegularFile(dir.resolve("job/progress.json")));
    assertTrue(Files.readString(dir.resolve("job/report.html"))
        .contains("<img alt=\"Events per category per window\" src=\"data:image/png;base64,"));
  }

  /** Elasticsearch unreachable for a while: the bulk is retried and the query catches up without loss. */
  @Test
  void catchesUpAfterElasticsearchWasUnreachable() throws Exception {
    SparkSession spark = TestSpark.session();
    EventGenerator.Options events = EventGenerator.Options.builder(1_000, 9).files(2).arrivals(Instant.parse("2026-03-01T00:00:00Z"), Duration.ofHours(6)).lateFraction(0).malformedFraction(0).categories(3).build();
    Path drop = dir.resolve("drop");
    String index = index("outage");
    java.net.URI target = java.net.URI.create(ES);
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
      AnalyticsRequest options = Requests.request(Requests.files(drop),
          Requests.elasticsearch("http://127.0.0.1:" + proxy.port(), index, Duration.ofMinutes(2)),
          dir.resolve("job/checkpoint")).withTrigger(Requests.every(Duration.ofMillis(500)));
      Files.createDirectories(drop);
      StreamingAnalytics.Running running = StreamingAnalytics.start(spark, options);
      try {
        proxy.refuse(true);
        Requests.toFolder(events, drop);
        // The sink has tried, been turned away and tried again: the batch is being held back.
        WaitFor.until(Duration.ofMinutes(1), () -> proxy.refused() >= 3);
        assertEquals(0, running.listener().batchesThisRun(), "no batch can complete while Elasticsearch is away");
        proxy.refuse(false);
        Map<String, List<Object>> expected = Recount.windows(Recount.lines(new EventGenerator(events)), Duration.ofHours(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, List<Object>> actual = new TreeMap<>();
        while (System.nanoTime() < deadline && !expected.equals(actual)) {
          Thread.sleep(500);
          if (running.listener().batchesThisRun() > 0) {
            actual = Recount.documents(ES, index);
          }
        }
        assertEquals(expected, actual);
      } finally {
        running.stopQuietly();
        running.finish();
      }
    }
  }
}
