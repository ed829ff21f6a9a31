package io.inlearning.spark.analytics.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.SourceProgress;

/**
 * The Kafka offsets a query skipped when it skips lost offsets ({@link OnDataLoss#SKIP}). Spark then reads from the earliest
 * offset still held and says nothing in its figures, so the count comes from the batch's progress: the
 * offsets the batch planned (end - start per partition) minus the rows it read is exact for the batch. The
 * split by partition comes from the earliest offsets the brokers hold right after the batch (a partition
 * lost what lies below them); what that does not explain (compaction gaps, transaction markers) is counted
 * as {@code unattributed}.
 */
public final class SkippedOffsets {
  static final String UNATTRIBUTED = "unattributed";

  private final EventSource.Kafka source;
  private final Map<String, Long> totals = new TreeMap<>();

  public SkippedOffsets(EventSource.Kafka source) {
    this.source = source;
  }

  /** The totals an earlier run on the same checkpoint saved. */
  public void restore(Map<String, Long> saved) {
    totals.putAll(saved);
  }

  /** Counts one batch; returns what it skipped per partition (empty: nothing). */
  public Map<String, Long> count(SourceProgress progress) {
    Map<TopicPartition, long[]> ranges = ranges(progress.startOffset(), progress.endOffset());
    long planned = 0;
    for (long[] range : ranges.values()) {
      planned += Math.max(0, range[1] - range[0]);
    }
    long missing = planned - progress.numInputRows();
    if (missing <= 0) {
      return Map.of();
    }
    List<TopicPartition> parts = new ArrayList<>(ranges.keySet());
    Map<String, Long> earliest = KafkaAdmin.earliestOffsets(source.topic().bootstrap(), source.client(), parts);
    Map<String, Long> skipped = new LinkedHashMap<>();
    long left = missing;
    for (TopicPartition part : parts) {
      long[] range = ranges.get(part);
      Long first = earliest.get(part.toString());
      long lost = first == null ? 0 : Math.min(Math.min(first, range[1]) - range[0], left);
      if (lost > 0) {
        skipped.put(part.toString(), lost);
        left -= lost;
      }
    }
    if (left > 0) {
      skipped.put(UNATTRIBUTED, left);
    }
    skipped.forEach((part, n) -> totals.merge(part, n, Long::sum));
    return skipped;
  }

  public Map<String, Long> totals() {
    return new TreeMap<>(totals);
  }

  /** All offsets of a per-partition count. */
  public static long sum(Map<String, Long> perPartition) {
    return perPartition.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Spark's Kafka offsets JSON, {"topic":{"0":12,"1":40}}, start and end, into [start, end) per partition. */
  static Map<TopicPartition, long[]> ranges(String startJson, String endJson) {
    Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
    if (startJson == null || endJson == null) {
      return ranges;
    }
    try {
      JsonNode start = Json.mapper().readTree(startJson);
      JsonNode end = Json.mapper().readTree(endJson);
      for (Iterator<String> topics = end.fieldNames(); topics.hasNext(); ) {
        String topic = topics.next();
        for (Iterator<Map.Entry<String, JsonNode>> it = end.get(topic).fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = it.next();
          JsonNode from = start.path(topic).get(partition.getKey());
          if (from != null && from.isNumber()) {
            ranges.put(new TopicPartition(topic, Integer.parseInt(partition.getKey())),
                new long[] {from.asLong(), partition.getValue().asLong()});
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return ranges;
  }
}
