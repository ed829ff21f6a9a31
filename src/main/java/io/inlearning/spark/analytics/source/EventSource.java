package io.inlearning.spark.analytics.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import io.inlearning.spark.records.RecordReader;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * Where events come from: JSON lines files dropped into a folder (picked up as they land), or a Kafka topic
 * (one event per message value). Both give lines as (raw, source, utf8, bytes) for {@link RecordReader#check}.
 */
public sealed interface EventSource extends Serializable {

  Dataset<Row> lines(SparkSession spark);

  /** {@code files:DIR} or {@code kafka:HOST:PORT/TOPIC}, as metrics.json says it. */
  String describe();

  /** JSON lines files dropped into a folder; {@code maxFilesPerTrigger} bounds a micro-batch (0: no bound). */
  record Files(String folder, int maxFilesPerTrigger) implements EventSource {
    public Files {
      Check.atLeast("max_files_per_trigger", maxFilesPerTrigger, 0);
    }

    @Override
    public Dataset<Row> lines(SparkSession spark) {
      DataStreamReader reader = spark.readStream().format("text");
      if (maxFilesPerTrigger > 0) {
        reader = reader.option("maxFilesPerTrigger", maxFilesPerTrigger);
      }
      return RecordReader.textLines(reader.load(folder), col("_metadata.file_path"));
    }

    @Override
    public String describe() {
      return "files:" + folder;
    }
  }

  /**
   * A Kafka topic; {@code startingOffsets} is {@code earliest}, {@code latest} or Spark's JSON form, used
   * only when the checkpoint is new (afterwards the checkpoint says where to resume); at most
   * {@code maxOffsetsPerTrigger} messages a micro-batch (0: no bound).
   */
  record Kafka(KafkaTopic topic, String startingOffsets, long maxOffsetsPerTrigger, KafkaSettings client,
               OnDataLoss onDataLoss) implements EventSource {
    public Kafka {
      Check.atLeast("max_offsets_per_trigger", maxOffsetsPerTrigger, 0);
    }

    /** The topic from its earliest offsets, no bound per batch, no client settings, stopping on data loss. */
    public static Kafka of(KafkaTopic topic) {
      return new Kafka(topic, "earliest", 0, KafkaSettings.NONE, OnDataLoss.FAIL);
    }

    @Override
    public Dataset<Row> lines(SparkSession spark) {
      KafkaAdmin.checkAccess(topic, client);
      DataStreamReader reader = spark.readStream().format("kafka")
          .option("kafka.bootstrap.servers", topic.bootstrap())
          .option("subscribe", topic.topic())
          .option("startingOffsets", startingOffsets)
          // On by default: offsets that expired before they were read stop the query. Off, AnalyticsListener
          // counts the offsets skipped in every batch.
          .option("failOnDataLoss", String.valueOf(onDataLoss == OnDataLoss.FAIL));
      for (Map.Entry<String, String> option : client.options().entrySet()) {
        reader = reader.option("kafka." + option.getKey(), option.getValue());
      }
      if (maxOffsetsPerTrigger > 0) {
        reader = reader.option("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
      }
      Dataset<Row> messages = reader.load();
      Dataset<Row> text = messages.select(col("value").cast("string").as("value"), col("partition"), col("offset"));
      return RecordReader.textLines(text, concat(lit("kafka:" + topic.topic() + "/"), col("partition"), lit("@"),
          col("offset")));
    }

    @Override
    public String describe() {
      return "kafka:" + topic;
    }
  }
}
