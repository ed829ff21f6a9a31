package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.records.RecordReader;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * Where events come from: {@code files:DIR} (JSON lines; files are picked up as they land) or
 * {@code kafka:HOST:PORT/TOPIC} (one event per message value). Both give lines as (raw, source, utf8, bytes)
 * for {@link RecordReader#check}.
 */
public sealed interface EventSource extends Serializable {

  Dataset<Row> lines(SparkSession spark);

  String describe();

  /** JSON lines files dropped into a folder; {@code maxFilesPerTrigger} bounds a micro-batch (0: no bound). */
  record Files(String folder, int maxFilesPerTrigger) implements EventSource {
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
   * only when the checkpoint is new (afterwards the checkpoint says where to resume).
   */
  record Kafka(String bootstrap, String topic, String startingOffsets, long maxOffsetsPerTrigger,
               KafkaSettings settings) implements EventSource {
    @Override
    public Dataset<Row> lines(SparkSession spark) {
      KafkaAdmin.checkAccess(bootstrap, topic, settings);
      DataStreamReader reader = spark.readStream().format("kafka")
          .option("kafka.bootstrap.servers", bootstrap)
          .option("subscribe", topic)
          .option("startingOffsets", startingOffsets)
          // On by default: offsets that expired before they were read stop the query. Off, AnalyticsListener
          // counts the offsets skipped in every batch.
          .option("failOnDataLoss", String.valueOf(settings.failOnDataLoss()));
      for (Map.Entry<String, String> option : settings.options().entrySet()) {
        reader = reader.option("kafka." + option.getKey(), option.getValue());
      }
      if (maxOffsetsPerTrigger > 0) {
        reader = reader.option("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
      }
      Dataset<Row> messages = reader.load();
      Dataset<Row> text = messages.select(col("value").cast("string").as("value"), col("partition"), col("offset"));
      return RecordReader.textLines(text, concat(lit("kafka:" + topic + "/"), col("partition"), lit("@"),
          col("offset")));
    }

    @Override
    public String describe() {
      return "kafka:" + bootstrap + "/" + topic;
    }
  }

  /** Parses {@code files:DIR} or {@code kafka:HOST:PORT/TOPIC}; anything else is a usage error. */
  static EventSource parse(String spec, int maxFilesPerTrigger, String startingOffsets, long maxOffsetsPerTrigger,
                           KafkaSettings kafka) {
    if (spec.startsWith("files:") && spec.length() > "files:".length()) {
      return new Files(spec.substring("files:".length()), maxFilesPerTrigger);
    }
    if (spec.startsWith("kafka:")) {
      String rest = spec.substring("kafka:".length());
      int slash = rest.indexOf('/');
      if (slash > 0 && slash < rest.length() - 1 && rest.substring(0, slash).matches("[^:/]+:\\d+(,[^:/]+:\\d+)*")) {
        return new Kafka(rest.substring(0, slash), rest.substring(slash + 1), startingOffsets, maxOffsetsPerTrigger,
            kafka);
      }
      throw new UsageException("--source kafka must look like kafka:HOST:PORT/TOPIC, got '" + spec + "'");
    }
    throw new UsageException("--source must be files:DIR or kafka:HOST:PORT/TOPIC, got '" + spec + "'");
  }
}
