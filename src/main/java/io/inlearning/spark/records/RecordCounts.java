package io.inlearning.spark.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many records a job read, accepted and rejected (by reason). read = accepted + rejected always;
 * blank lines are not records and are counted apart.
 */
public record RecordCounts(long read, long accepted, long rejected, Map<String, Long> rejectedByReason,
                           @JsonProperty("blank_lines_skipped") long blankLines) {

  public RecordCounts {
    rejectedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(rejectedByReason));
    if (read != accepted + rejected) {
      throw new IllegalStateException("read " + read + " != accepted " + accepted + " + rejected " + rejected);
    }
  }

  public static RecordCounts none() {
    return new RecordCounts(0, 0, 0, Map.of(), 0);
  }

  /** These counts and {@code other}'s added up, reason by reason. */
  public RecordCounts plus(RecordCounts other) {
    Map<String, Long> byReason = new TreeMap<>(rejectedByReason);
    other.rejectedByReason().forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
    return new RecordCounts(read + other.read(), accepted + other.accepted(), rejected + other.rejected(), byReason,
        blankLines + other.blankLines());
  }

  public RecordCounts withRejected(String reason, long count) {
    if (count == 0) {
      return this;
    }
    Map<String, Long> byReason = new TreeMap<>(rejectedByReason);
    byReason.merge(reason, count, Long::sum);
    return new RecordCounts(read, accepted - count, rejected + count, byReason, blankLines);
  }

}
