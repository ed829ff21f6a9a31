package io.inlearning.spark.analytics;

import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.analytics.source.EventSource;
import io.inlearning.spark.errors.Check;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.records.RecordReader;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code analytics} runs: where events come from and where the windows go, the checkpoint folder that
 * makes the output exactly-once across restarts (required by a sink that keeps what it is given), the
 * event-time windows and how late an event may be, when micro-batches run, the largest event accepted, and
 * whether the per-course figures are kept beside the per-category ones.
 */
public record AnalyticsRequest(EventSource source, SinkTarget sink, Optional<String> checkpoint, Windows windows,
                               MicroBatches trigger, int maxRecordBytes, PerCourse perCourse) {

  /** Tumbling event-time windows of {@code length}; an event more than {@code watermark} late is dropped. */
  public record Windows(Duration length, Duration watermark) {
    public static final Windows DEFAULT = new Windows(Duration.ofHours(1), Duration.ofHours(2));

    public Windows {
      if (length.isZero() || length.isNegative()) {
        throw InvalidRequestException.setting("window", "must be longer than zero, got " + length);
      }
      if (watermark.isNegative()) {
        throw InvalidRequestException.setting("watermark", "cannot be negative, got " + watermark);
      }
    }
  }

  /** When micro-batches run: every {@code interval}, or over what is there now, then the query stops. */
  public sealed interface MicroBatches {
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    record Every(Duration interval) implements MicroBatches {
      public Every {
        if (interval.isZero() || interval.isNegative()) {
          throw InvalidRequestException.setting("trigger", "must be longer than zero, got " + interval);
        }
      }
    }

    record AvailableNow() implements MicroBatches {}
  }

  /** Per-course figures (events, learners, enrolments, completions) beside the per-category windows. */
  public enum PerCourse { ON, OFF }

  public AnalyticsRequest {
    Check.atLeast("max_record_bytes", maxRecordBytes, 1);
    if (checkpoint.isEmpty() && sink.keeps()) {
      String target = sink instanceof SinkTarget.Delta ? "the warehouse" : "the " + sink.describe().split(":", 2)[0] + " sink";
      throw InvalidRequestException.setting("checkpoint", "is required with " + target
          + " (it is what makes the output exactly-once across restarts)");
    }
  }

  /**
   * Everything but source, sink and checkpoint at its default, the query draining what is there: the request
   * of the demo and of tests.
   */
  public static AnalyticsRequest of(EventSource source, SinkTarget sink, Optional<String> checkpoint) {
    return new AnalyticsRequest(source, sink, checkpoint, Windows.DEFAULT, new MicroBatches.AvailableNow(),
        RecordReader.DEFAULT_MAX_RECORD_BYTES, PerCourse.ON);
  }

  public AnalyticsRequest withTrigger(MicroBatches newTrigger) {
    return new AnalyticsRequest(source, sink, checkpoint, windows, newTrigger, maxRecordBytes, perCourse);
  }

  public AnalyticsRequest withPerCourse(PerCourse newPerCourse) {
    return new AnalyticsRequest(source, sink, checkpoint, windows, trigger, maxRecordBytes, newPerCourse);
  }

  public AnalyticsRequest withSource(EventSource newSource) {
    return new AnalyticsRequest(newSource, sink, checkpoint, windows, trigger, maxRecordBytes, perCourse);
  }

  public AnalyticsRequest withSink(SinkTarget newSink) {
    return new AnalyticsRequest(source, newSink, checkpoint, windows, trigger, maxRecordBytes, perCourse);
  }

  boolean perCourseFigures() {
    return perCourse == PerCourse.ON;
  }

  /** The settings block of metrics.json and progress.json: this request written out. */
  AnalyticsMetrics.Settings settings() {
    AnalyticsMetrics.Limits limits = source instanceof EventSource.Files files
        ? new AnalyticsMetrics.Limits(files.maxFilesPerTrigger(), null, null)
        : new AnalyticsMetrics.Limits(null, ((EventSource.Kafka) source).startingOffsets(),
            ((EventSource.Kafka) source).maxOffsetsPerTrigger());
    AnalyticsMetrics.KafkaClient kafka = source instanceof EventSource.Kafka topic
        ? new AnalyticsMetrics.KafkaClient(new java.util.TreeSet<>(topic.client().options().keySet()),
            topic.onDataLoss().describe())
        : new AnalyticsMetrics.KafkaClient(null, null);
    return new AnalyticsMetrics.Settings(source.describe(), sink.describe(), checkpoint.orElse(null),
        windows.length().toString(), windows.watermark().toString(),
        trigger instanceof MicroBatches.Every every ? every.interval().toString() : "available-now", limits, kafka,
        perCourseFigures());
  }
}
