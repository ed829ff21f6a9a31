package io.inlearning.spark.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.JobRun;
import java.util.Map;
import java.util.Set;

/**
 * metrics.json of {@code analytics}, written beside the checkpoint when the query stops: the run, what was
 * counted, how the sink was reached, how long it took, where rejected events went, and the request written out.
 * {@code kafka_data_loss} appears when the Kafka source skips lost offsets, {@code sink_connection} with
 * Elasticsearch only.
 */
public record AnalyticsMetrics(@JsonUnwrapped JobRun run, @JsonUnwrapped Counts counts,
                               @JsonInclude(JsonInclude.Include.NON_NULL) KafkaDataLoss kafkaDataLoss,
                               @JsonInclude(JsonInclude.Include.NON_NULL)
                               ElasticsearchSecurity.Description sinkConnection,
                               @JsonUnwrapped Performance performance, String quarantine, Settings settings) {

  /**
   * {@code records} counts every run on the checkpoint, {@code records_this_run} this one; {@code watermark}
   * (the event-time watermark after the last batch) is null before the first event.
   */
  public record Counts(RecordCounts records, RecordCounts recordsThisRun, Late late, long batchesThisRun,
                       String watermark) {}

  /**
   * Events too late for their window: those the watermark dropped, counted per batch, and, where the sink can
   * be read back, the events its windows hold and the accepted events missing from them (the two late counts
   * agree unless the sink was changed by someone else).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Late(long rowsDroppedByWatermark, Long eventsInWindows, Long lateEventsDropped) {}

  /** Offsets that were gone before they were read, per topic partition. */
  public record KafkaDataLoss(String policy, long skippedOffsetsTotal, Map<String, Long> skippedOffsets) {}

  /** Seconds per phase of the micro-batches and in total, CPU seconds of the process, events read per second. */
  public record Performance(Map<String, Double> timingsSeconds, double cpuSeconds, double eventsPerSecond) {}

  /** The request as it ran: source, sink, checkpoint, windows, trigger, the source's limits and Kafka client. */
  public record Settings(String source, String sink, String checkpoint, String window, String watermark,
                         String trigger, @JsonUnwrapped Limits limits,
                         @JsonUnwrapped KafkaClient kafka,
                         boolean perCourse) {}

  /** How much a micro-batch reads at most, and where a new Kafka checkpoint starts; what the source has. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Limits(Integer maxFilesPerTrigger, String startingOffsets, Long maxOffsetsPerTrigger) {}

  /** The Kafka client option names (never their values) and what lost offsets do; with Kafka only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KafkaClient(Set<String> kafkaOptions, String onDataLoss) {}
}
