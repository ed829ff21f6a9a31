package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.Integration;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets that Kafka deleted before the query read them (scripts/kafka.sh's broker, records deleted through
 * the admin API as retention would): the query stops by default, and under {@code --on-data-loss skip} it goes
 * on and counts exactly what it skipped, per partition.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_KAFKA", matches = ".+")
class KafkaDataLossTest {
  static final String KAFKA = System.getenv("INLEARNING_KAFKA");

  @TempDir
  Path dir;

  private static EventGenerator.Options events(int count, long seed) {
    return EventGenerator.Options.builder(count, seed).files(3).arrivals(Instant.parse("2026-06-01T00:00:00Z"), Duration.ofHours(4)).lateFraction(0).malformedFraction(0.02).categories(1).build();
  }

  @Test
  void lostOffsetsStopTheQueryUnlessSkippedAndThenAreCountedPerPartition() throws Exception {
    SparkSession spark = TestSpark.session();
    String topic = "data-loss-" + System.nanoTime();
    TopicPartition partition = new TopicPartition(topic, 0);
    AnalyticsRequest first;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      Requests.toTopic(events(1_000, 1), KAFKA, topic);
      first = Requests.request(Requests.kafka(KAFKA, topic), Requests.warehouse(dir.resolve("job/windows")),
          dir.resolve("job/checkpoint"));
      Path firstMetrics = StreamingAnalytics.run(spark, first).metricsFile().orElseThrow();
      assertEquals(1_000, Json.mapper().readTree(firstMetrics.toFile()).path("records").path("read").asLong());

      Requests.toTopic(events(1_000, 2), KAFKA, topic);
      // Offsets 1,000 to 1,499 go before the query reads them.
      admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(1_500))).all().get();
    }

    // Default: the query stops, and nothing of the failed batch is counted.
    IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> StreamingAnalytics.run(spark, first));
    assertTrue(stopped.getMessage().startsWith("Kafka no longer holds offsets"), stopped.getMessage());
    assertEquals(1_000, Json.mapper().readTree(dir.resolve("job/progress.json").toFile())
        .path("totals").path("records").path("read").asLong());

    // Skipping, on the same checkpoint: the batch planned by the failed run is run again (the replay that
    // Spark 4.1.0's Kafka source could not report progress for).
    AnalyticsRequest skipping = first.withSource(Requests.kafkaSkippingLostOffsets(KAFKA, topic));
    StreamingAnalytics.Result result = StreamingAnalytics.run(spark, skipping);
    JsonNode metrics = Json.mapper().readTree(result.metricsFile().orElseThrow().toFile());
    assertEquals(500, metrics.path("records_this_run").path("read").asLong());
    assertEquals(1_500, metrics.path("records").path("read").asLong());
    assertEquals(500, metrics.path("kafka_data_loss").path("skipped_offsets_total").asLong());
    assertEquals(500, metrics.path("kafka_data_loss").path("skipped_offsets").path(partition.toString()).asLong());
    JsonNode progress = Json.mapper().readTree(dir.resolve("job/progress.json").toFile());
    assertEquals(500, progress.path("totals").path("kafka_skipped_offsets").path(partition.toString()).asLong());
  }
}
