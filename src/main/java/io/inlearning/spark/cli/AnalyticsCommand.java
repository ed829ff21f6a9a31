package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.AnalyticsMetrics;
import io.inlearning.spark.analytics.AnalyticsOptions;
import io.inlearning.spark.analytics.Durations;
import io.inlearning.spark.analytics.ElasticsearchSecurity;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.output.Json;
import io.inlearning.spark.records.RecordReader;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Option(names = "--trigger", defaultValue = "2s", paramLabel = "INTERVAL|available-now",
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

  @Option(names = "--es-user", paramLabel = "NAME",
      description = "Elasticsearch user for basic authentication (or INLEARNING_ES_USER); the password comes from "
          + "--es-password-file or INLEARNING_ES_PASSWORD")
  String esUser;

  @Option(names = "--es-password-file", paramLabel = "FILE", description = "file holding the Elasticsearch password")
  Path esPasswordFile;

  @Option(names = "--es-api-key-file", paramLabel = "FILE",
      description = "file holding an Elasticsearch API key (encoded id:key), instead of user and password; "
          + "or INLEARNING_ES_API_KEY")
  Path esApiKeyFile;

  @Option(names = "--es-ca-cert", paramLabel = "FILE",
      description = "PEM certificate of the CA that signed Elasticsearch's certificate (https)")
  Path esCaCert;

  @Option(names = "--es-ca-fingerprint", paramLabel = "SHA256",
      description = "or: the SHA-256 fingerprint of that CA certificate, as Elasticsearch prints it at first start")
  String esCaFingerprint;

  @Option(names = "--per-course", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "per-course figures beside the per-category windows: INDEX-courses, DIR/course-windows "
          + "(default: on; --no-per-course turns them off)")
  boolean perCourse;

  @Mixin
  KafkaClientOptions kafka;

  @Option(names = "--on-data-loss", defaultValue = "fail", paramLabel = "fail|skip",
      description = "Kafka offsets gone before they were read: stop the query (default), or skip them and count "
          + "the skipped offsets per partition in metrics.json")
  String onDataLoss;

  private AnalyticsOptions options;

  @Override
  String appName() {
    return "analytics";
  }

  @Override
  void validate(Locations locations) {
    kafka.check(locations);
    requireFile(locations, "Elasticsearch password file", esPasswordFile);
    requireFile(locations, "Elasticsearch API key file", esApiKeyFile);
    requireFile(locations, "CA certificate", esCaCert);
    if (maxRecordBytes < 1) {
      throw new UsageException("--max-record-bytes must be at least 1, got " + maxRecordBytes);
    }
    options = new AnalyticsOptions(source, sink, checkpoint, Durations.positive("--window", window),
        Durations.parse("--watermark", watermark),
        trigger.equals("available-now") ? null : Durations.positive("--trigger", trigger),
        maxFilesPerTrigger, startingOffsets, maxOffsetsPerTrigger, Durations.parse("--sink-retry", sinkRetry),
        maxRecordBytes,
        ElasticsearchSecurity.resolve(esUser, esPasswordFile, esApiKeyFile, esCaCert, esCaFingerprint, System.getenv()),
        kafka.settings(failOnDataLoss()), perCourse);
    if (source.startsWith("files:")) {
      locations.requireFolder("drop folder", source.substring("files:".length()));
    }
    if (checkpoint != null) {
      locations.requireFolderOrCreatable("checkpoint", checkpoint);
    }
    if (sink.startsWith("parquet:")) {
      locations.requireFolderOrCreatable("sink folder", sink.substring("parquet:".length()));
    }
  }

  private static void requireFile(Locations locations, String what, Path file) {
    if (file != null) {
      locations.requireFile(what, file.toString());
    }
  }

  private boolean failOnDataLoss() {
    return switch (onDataLoss) {
      case "fail" -> true;
      case "skip" -> false;
      default -> throw new UsageException("--on-data-loss must be fail or skip, got '" + onDataLoss + "'");
    };
  }

  @Override
  void run(SparkSession session) {
    StreamingAnalytics.Result result = StreamingAnalytics.run(session, options);
    System.out.print(Json.pretty(result.metrics().records()));
    AnalyticsMetrics.Late late = result.metrics().late();
    System.out.printf("late: %,d rows dropped by the watermark%s%n", late.rowsDroppedByWatermark(),
        late.lateEventsDropped() == null ? "" : String.format(", %,d accepted events in no window of the sink",
            late.lateEventsDropped()));
    if (result.metricsFile() != null) {
      System.out.println("metrics: " + result.metricsFile());
    }
  }
}
