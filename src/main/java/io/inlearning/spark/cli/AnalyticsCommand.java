package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.AnalyticsOptions;
import io.inlearning.spark.analytics.Durations;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.common.Json;
import io.inlearning.spark.common.RecordReader;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "analytics",
    description = "Streaming course analytics: per category and event-time window, course count and mean difficulty.")
final class AnalyticsCommand extends JobCommand {
  @Option(names = "--source", required = true, paramLabel = "files:DIR|kafka:HOST:PORT/TOPIC",
      description = "JSON lines files dropped into DIR, or a Kafka topic")
  String source;

  @Option(names = "--sink", required = true, paramLabel = "elasticsearch:URL/INDEX|parquet:DIR|console",
      description = "where the window figures go")
  String sink;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "checkpoint folder (required for elasticsearch and parquet); progress.json, metrics.json and "
          + "quarantine/ are written beside it")
  String checkpoint;

  @Option(names = "--window", defaultValue = "1h", description = "event-time window (default: ${DEFAULT-VALUE})")
  String window;

  @Option(names = "--watermark", defaultValue = "2h",
      description = "how late an event may be before its window closes (default: ${DEFAULT-VALUE})")
  String watermark;

  @Option(names = "--trigger", defaultValue = "10s", paramLabel = "INTERVAL|available-now",
      description = "micro-batch interval, or available-now: process what is there, then stop (default: ${DEFAULT-VALUE})")
  String trigger;

  @Option(names = "--max-files-per-trigger", defaultValue = "0", paramLabel = "N",
      description = "files source: at most N new files per micro-batch (default: no limit)")
  int maxFilesPerTrigger;

  @Option(names = "--starting-offsets", defaultValue = "earliest", paramLabel = "earliest|latest|JSON",
      description = "Kafka source: where a new checkpoint starts (default: ${DEFAULT-VALUE})")
  String startingOffsets;

  @Option(names = "--max-offsets-per-trigger", defaultValue = "0", paramLabel = "N",
      description = "Kafka source: at most N messages per micro-batch (default: no limit)")
  long maxOffsetsPerTrigger;

  @Option(names = "--sink-retry", defaultValue = "5m", paramLabel = "DURATION",
      description = "Elasticsearch: how long a failing bulk is retried before the batch fails (default: ${DEFAULT-VALUE})")
  String sinkRetry;

  @Option(names = "--max-record-bytes", paramLabel = "N", description = "larger events are rejected (default: 1048576)")
  int maxRecordBytes = RecordReader.DEFAULT_MAX_RECORD_BYTES;

  private AnalyticsOptions options;

  @Override
  String appName() {
    return "analytics";
  }

  @Override
  void validate() {
    options = new AnalyticsOptions(source, sink, checkpoint, Durations.positive("--window", window),
        Durations.parse("--watermark", watermark),
        trigger.equals("available-now") ? null : Durations.positive("--trigger", trigger),
        maxFilesPerTrigger, startingOffsets, maxOffsetsPerTrigger, Durations.parse("--sink-retry", sinkRetry),
        maxRecordBytes);
  }

  @Override
  void run(SparkSession session) {
    StreamingAnalytics.Result result = StreamingAnalytics.run(session, options);
    System.out.print(Json.pretty(result.metrics().get("records")));
    System.out.println("late: " + result.metrics().get("late"));
    if (result.metricsFile() != null) {
      System.out.println("metrics: " + result.metricsFile());
    }
  }
}
