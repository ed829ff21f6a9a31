package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-batch counts of checked events, measured inside the streaming query with {@code Dataset.observe}: they
 * appear in the query progress ({@code observedMetrics.events}) of the very batch that read the events.
 */
final class EventCounts {
  static final String NAME = "events";
  static final List<String> REASONS = List.of(Rejection.MALFORMED_JSON, Rejection.NOT_AN_OBJECT,
      Rejection.INVALID_UTF8, Rejection.TOO_LARGE, Rejection.MISSING_FIELD, Rejection.EMPTY_FIELD,
      Rejection.WRONG_TYPE, Rejection.INVALID_TIMESTAMP, Rejection.OUT_OF_RANGE);

  private EventCounts() {}

  static Dataset<Row> observe(Dataset<Row> checked) {
    Column reason = col(RecordSchema.REASON);
    List<Column> metrics = new ArrayList<>();
    metrics.add(count_if(reason.isNull()).as("accepted"));
    metrics.add(count_if(reason.equalTo(Rejection.BLANK)).as("blank"));
    for (String name : REASONS) {
      metrics.add(count_if(reason.equalTo(name)).as(name));
    }
    return checked.observe(NAME, count(lit(1)).as("lines"), metrics.toArray(Column[]::new));
  }

  /** The counts of one batch from its observed row; null when the batch observed nothing. */
  static RecordCounts of(Row observed) {
    if (observed == null) {
      return null;
    }
    Map<String, Long> byReason = new TreeMap<>();
    long rejected = 0;
    for (String name : REASONS) {
      long n = observed.<Long>getAs(name);
      if (n > 0) {
        byReason.put(name, n);
        rejected += n;
      }
    }
    long accepted = observed.<Long>getAs("accepted");
    long blank = observed.<Long>getAs("blank");
    long unlisted = observed.<Long>getAs("lines") - accepted - blank - rejected;
    if (unlisted > 0) {
      byReason.merge("other", unlisted, Long::sum);
      rejected += unlisted;
    }
    return new RecordCounts(accepted + rejected, accepted, rejected, byReason, blank);
  }

  static RecordCounts plus(RecordCounts a, RecordCounts b) {
    Map<String, Long> byReason = new TreeMap<>(a.rejectedByReason());
    b.rejectedByReason().forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
    return new RecordCounts(a.read() + b.read(), a.accepted() + b.accepted(), a.rejected() + b.rejected(), byReason,
        a.blankLines() + b.blankLines());
  }

  static RecordCounts zero() {
    return new RecordCounts(0, 0, 0, Map.of(), 0);
  }
}
