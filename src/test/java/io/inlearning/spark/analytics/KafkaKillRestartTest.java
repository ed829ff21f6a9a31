package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.Integration;
import io.inlearning.spark.TestLogs;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.cluster.SparkSubmitProcess;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.warehouse.EventsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics process killed with SIGKILL in the middle of a Kafka stream, then started again on its
 * checkpoint: Elasticsearch and the warehouse's window tables hold exactly the windows of a batch recount, the
 * events table every valid event once, and every event is counted once. Separate JVMs (spark-submit), real
 * Kafka, Elasticsearch and Delta tables on disk.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_KAFKA", matches = ".+")
@EnabledIfEnvironmentVariable(named = "INLEARNING_ES_URL", matches = ".+")
class KafkaKillRestartTest {
  static final String KAFKA = System.getenv("INLEARNING_KAFKA");
  static final String ES = System.getenv("INLEARNING_ES_URL");
  static final int EVENTS = 30_000;

  @TempDir
  Path dir;

  @Test
  void killedMidStreamAndRestartedGivesExactDocumentsAndCounts() throws Exception {
    EventGenerator.Options events = EventGenerator.Options.builder(EVENTS, 17).files(4)
        .arrivals(Instant.parse("2026-07-01T00:00:00Z"), Duration.ofHours(10)).lateFraction(0).malformedFraction(0.03)
        .categories(5).courses(300).learners(5_000).build();
    String topic = "kill-restart-" + System.nanoTime();
    Requests.toTopic(events, KAFKA, topic);
    String index = ElasticsearchAnalyticsTest.index("kill");
    Path job = dir.resolve("job");
    List<String> args = List.of("analytics", "--source", "kafka:" + KAFKA + "/" + topic, "--sink",
        "elasticsearch:" + ES + "/" + index, "--warehouse", job.resolve("warehouse").toString(),
        "--checkpoint", job.resolve("checkpoint").toString(),
        "--max-offsets-per-trigger", "1500", "--watermark", "24h");

    // The topic's two partitions run hours apart in event time, so with small batches a 2 h watermark would
    // drop (and count) late events, and which ones depends on where batches start: 24 h keeps every event.
    Process first = submit("first.log", args, "--trigger", "200ms");
    // Killed once a few batches are in, while later ones are being planned and written.
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (lastBatch(job) < 3 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(first.isAlive(), () -> "the first run ended by itself: " + TestLogs.tail(dir.resolve("first.log")));
    first.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    long countedBeforeKill = Json.mapper().readTree(job.resolve("progress.json").toFile())
        .path("totals").path("records").path("read").asLong();
    assertTrue(countedBeforeKill < EVENTS, "killed after the end: " + countedBeforeKill);

    Process second = submit("second.log", args, "--trigger", "available-now");
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the restarted run did not finish");
    assertEquals(0, second.exitValue(), () -> TestLogs.tail(dir.resolve("second.log")));

    List<String> lines = Recount.lines(new EventGenerator(events));
    assertEquals(Recount.windows(lines, Duration.ofHours(1)), Recount.documents(ES, index));
    assertEquals(Recount.courseWindows(lines, Duration.ofHours(1)), Recount.courseDocuments(ES, index));
    SparkSession spark = TestSpark.session();
    Warehouse warehouse = new Warehouse(job.resolve("warehouse").toString());
    assertEquals(Recount.windows(lines, Duration.ofHours(1)), Recount.tableWindows(spark, warehouse));
    assertEquals(Recount.courseWindows(lines, Duration.ofHours(1)), Recount.tableCourseWindows(spark, warehouse));
    assertEquals(Recount.valid(lines), EventsTable.read(spark, warehouse).count(), "every valid event once");
    JsonNode metrics = Json.mapper().readTree(job.resolve("metrics.json").toFile());
    assertEquals(EVENTS, metrics.path("records").path("read").asLong());
    assertEquals(EVENTS - countedBeforeKill, metrics.path("records_this_run").path("read").asLong());
    assertEquals(0, metrics.path("late").path("late_events_dropped").asLong());
  }

  private Process submit(String log, List<String> args, String... more) throws IOException {
    String[] all = java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    return new SparkSubmitProcess("local[2]", "io.inlearning.spark.cli.Main", List.of(), Map.of(), Map.of())
        .start(dir.resolve(log), all);
  }

  private static long lastBatch(Path job) {
    try {
      return Json.mapper().readTree(job.resolve("progress.json").toFile()).path("totals").path("last_batch_id")
          .asLong(-1);
    } catch (IOException e) {
      return -1;
    }
  }
}
