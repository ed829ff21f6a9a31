package io.inlearning.spark.analytics;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.records.RecordReader;
import java.time.Duration;
import java.util.TreeSet;

/**
 * What {@code analytics} runs: source and sink specs as on the command line, the checkpoint (required for
 * Elasticsearch and Parquet), window and watermark, and the trigger: a processing-time interval, or null
 * for available-now (drain what is there, then stop). {@code perCourse}: the per-course figures beside the
 * per-category windows (on by default).
 */
public record AnalyticsOptions(String source, String sink, String checkpoint, Duration window, Duration watermark,
                               Duration trigger, int maxFilesPerTrigger, String startingOffsets,
                               long maxOffsetsPerTrigger, Duration sinkRetry, int maxRecordBytes,
                               ElasticsearchSecurity elasticsearch, KafkaSettings kafka, boolean perCourse) {
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_WATERMARK = Duration.ofHours(2);
  public static final Duration DEFAULT_SINK_RETRY = Duration.ofMinutes(5);

  public AnalyticsOptions {
    if (window.isZero() || window.isNegative()) {
      throw new UsageException("--window must be longer than zero");
    }
    if (watermark.isNegative()) {
      throw new UsageException("--watermark cannot be negative");
    }
    if (checkpoint == null && !sink.equals("console")) {
      throw new UsageException("--checkpoint DIR is required with --sink " + sink.split(":", 2)[0]
          + " (it is what makes the output exactly-once across restarts)");
    }
    if (maxFilesPerTrigger < 0 || maxOffsetsPerTrigger < 0) {
      throw new UsageException("--max-files-per-trigger and --max-offsets-per-trigger cannot be negative");
    }
    if (!sink.startsWith("elasticsearch:") && (elasticsearch.sendsCredentials() || elasticsearch.customTrust())) {
      throw new UsageException("the --es-* settings apply to --sink elasticsearch only");
    }
    if (!source.startsWith("kafka:") && !kafka.equals(KafkaSettings.DEFAULT)) {
      throw new UsageException("--kafka-option, --kafka-properties and --on-data-loss apply to --source kafka only");
    }
    // Parse now so that a wrong spec is a usage error before Spark starts.
    sourceSpec(source, maxFilesPerTrigger, startingOffsets, maxOffsetsPerTrigger, kafka);
    sinkSpec(sink, sinkRetry, elasticsearch);
  }

  /** Defaults for everything but source, sink and checkpoint; available-now trigger. */
  public static AnalyticsOptions of(String source, String sink, String checkpoint) {
    return new AnalyticsOptions(source, sink, checkpoint, DEFAULT_WINDOW, DEFAULT_WATERMARK, null, 0, "earliest", 0,
        DEFAULT_SINK_RETRY, RecordReader.DEFAULT_MAX_RECORD_BYTES, ElasticsearchSecurity.NONE, KafkaSettings.DEFAULT, true);
  }

  public AnalyticsOptions withTrigger(Duration interval) {
    return new AnalyticsOptions(source, sink, checkpoint, window, watermark, interval, maxFilesPerTrigger,
        startingOffsets, maxOffsetsPerTrigger, sinkRetry, maxRecordBytes, elasticsearch, kafka, perCourse);
  }

  public AnalyticsOptions withMaxOffsetsPerTrigger(long offsets) {
    return new AnalyticsOptions(source, sink, checkpoint, window, watermark, trigger, maxFilesPerTrigger,
        startingOffsets, offsets, sinkRetry, maxRecordBytes, elasticsearch, kafka, perCourse);
  }

  public AnalyticsOptions withMaxFilesPerTrigger(int files) {
    return new AnalyticsOptions(source, sink, checkpoint, window, watermark, trigger, files, startingOffsets,
        maxOffsetsPerTrigger, sinkRetry, maxRecordBytes, elasticsearch, kafka, perCourse);
  }

  public AnalyticsOptions withSinkRetry(Duration retry) {
    return new AnalyticsOptions(source, sink, checkpoint, window, watermark, trigger, maxFilesPerTrigger,
        startingOffsets, maxOffsetsPerTrigger, retry, maxRecordBytes, elasticsearch, kafka, perCourse);
  }

  public AnalyticsOptions withWindow(Duration newWindow, Duration newWatermark) {
    return new AnalyticsOptions(source, sink, checkpoint, newWindow, newWatermark, trigger, maxFilesPerTrigger,
        startingOffsets, maxOffsetsPerTrigger, sinkRetry, maxRecordBytes, elasticsearch, kafka, perCourse);
  }

  public AnalyticsOptions withSecurity(ElasticsearchSecurity newElasticsearch, KafkaSettings newKafka) {
    return new AnalyticsOptions(source, sink, checkpoint, window, watermark, trigger, maxFilesPerTrigger,
        startingOffsets, maxOffsetsPerTrigger, sinkRetry, maxRecordBytes, newElasticsearch, newKafka, perCourse);
  }

  public AnalyticsOptions withPerCourse(boolean on) {
    return new AnalyticsOptions(source, sink, checkpoint, window, watermark, trigger, maxFilesPerTrigger,
        startingOffsets, maxOffsetsPerTrigger, sinkRetry, maxRecordBytes, elasticsearch, kafka, on);
  }

  EventSource eventSource() {
    return sourceSpec(source, maxFilesPerTrigger, startingOffsets, maxOffsetsPerTrigger, kafka);
  }

  WindowSink windowSink() {
    return sinkSpec(sink, sinkRetry, elasticsearch);
  }

  private static EventSource sourceSpec(String spec, int files, String offsets, long maxOffsets, KafkaSettings kafka) {
    return EventSource.parse(spec, files, offsets, maxOffsets, kafka);
  }

  private static WindowSink sinkSpec(String spec, Duration retry, ElasticsearchSecurity elasticsearch) {
    if (spec.equals("console")) {
      return new ConsoleSink();
    }
    if (spec.startsWith("parquet:") && spec.length() > "parquet:".length()) {
      return new ParquetWindowSink(spec.substring("parquet:".length()));
    }
    if (spec.startsWith("elasticsearch:")) {
      String[] urlAndIndex = ElasticsearchIndex.parse(spec.substring("elasticsearch:".length()));
      return new ElasticsearchSink(urlAndIndex[0], urlAndIndex[1], retry, elasticsearch);
    }
    throw new UsageException("--sink must be elasticsearch:URL/INDEX, parquet:DIR or console, got '" + spec + "'");
  }

  AnalyticsMetrics.Settings settings() {
    boolean fromKafka = source.startsWith("kafka:");
    return new AnalyticsMetrics.Settings(source, sink, checkpoint, window.toString(), watermark.toString(),
        trigger == null ? "available-now" : trigger.toString(), maxFilesPerTrigger, startingOffsets,
        maxOffsetsPerTrigger, fromKafka ? new TreeSet<>(kafka.options().keySet()) : null,
        fromKafka ? (kafka.failOnDataLoss() ? "fail" : "skip and count") : null, perCourse);
  }
}
