package io.inlearning.spark.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.SparkInfo;
import java.util.Map;
import java.util.Set;

/**
 * metrics.json of {@code analytics}, written beside the checkpoint when the query stops. {@code records} counts
 * every run on the checkpoint, {@code records_this_run} this one; {@code watermark} is null before the first
 * event; {@code kafka_data_loss} appears with {@code --on-data-loss skip} only, {@code sink_connection} with
 * Elasticsearch only.
 */
public record AnalyticsMetrics(String job, String input, String output, SparkInfo spark, RecordCounts records,
                               RecordCounts recordsThisRun, Late late, long batchesThisRun, String watermark,
                               @JsonInclude(JsonInclude.Include.NON_NULL) KafkaDataLoss kafkaDataLoss,
                               @JsonInclude(JsonInclude.Include.NON_NULL) SinkConnection sinkConnection,
                               Map<String, Double> timingsSeconds, double cpuSeconds, double eventsPerSecond,
                               String quarantine, Settings settings) {

  /**
   * Events too late for their window: those the watermark dropped, counted per batch, and, where the sink can
   * be read back, the events its windows hold and the accepted events missing from them (the two late counts
   * agree unless the sink was changed by someone else).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Late(long rowsDroppedByWatermark, Long eventsInWindows, Long lateEventsDropped) {}

  /** Offsets that were gone before they were read, per topic partition. */
  public record KafkaDataLoss(String policy, long skippedOffsetsTotal, Map<String, Long> skippedOffsets) {}

  /** How the job reached Elasticsearch: the kind of credentials and where they came from, never their value. */
  public record SinkConnection(String credentials, String trust) {}

  /** The options the run was given; the Kafka ones for a Kafka source only. */
  public record Settings(String source, String sink, String checkpoint, String window, String watermark,
                         String trigger, int maxFilesPerTrigger, String startingOffsets, long maxOffsetsPerTrigger,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Set<String> kafkaOptions,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String onDataLoss, boolean perCourse) {}
}
