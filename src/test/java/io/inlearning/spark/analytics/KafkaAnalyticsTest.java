package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.Integration;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.EventGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/** Kafka (scripts/kafka.sh) -> Elasticsearch (scripts/elasticsearch.sh), both real, on loopback. */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_KAFKA", matches = ".+")
@EnabledIfEnvironmentVariable(named = "INLEARNING_ES_URL", matches = ".+")
class KafkaAnalyticsTest {
  static final String KAFKA = System.getenv("INLEARNING_KAFKA");
  static final String ES = System.getenv("INLEARNING_ES_URL");

  @TempDir
  Path dir;

  @Test
  void kafkaToElasticsearchEqualsABatchRecount() throws Exception {
    SparkSession spark = TestSpark.session();
    String topic = "test-events-" + System.nanoTime();
    EventGenerator.Options events = EventGenerator.Options.builder(4_000, 11).files(4).arrivals(Instant.parse("2026-04-01T00:00:00Z"), Duration.ofHours(8)).lateFraction(0).malformedFraction(0.05).categories(6).build();
    Requests.toTopic(events, KAFKA, topic);
    String index = ElasticsearchAnalyticsTest.index("kafka");
    AnalyticsRequest options = Requests.request(Requests.kafka(KAFKA, topic), Requests.elasticsearch(ES, index),
        dir.resolve("job/checkpoint"));
    StreamingAnalytics.Result result = StreamingAnalytics.run(spark, options);

    assertEquals(Recount.windows(Recount.lines(new EventGenerator(events)), Duration.ofHours(1)),
        Recount.documents(ES, index));
    assertEquals(4_000L, result.metrics().counts().records().read());
    long quarantined = spark.read().json(dir.resolve("job/quarantine").toString()).count();
    assertEquals(result.metrics().counts().records().rejected(), quarantined);
    assertEquals(quarantined, spark.read().json(dir.resolve("job/quarantine").toString())
        .filter("source like 'kafka:" + topic + "/%'").count());
  }
}
