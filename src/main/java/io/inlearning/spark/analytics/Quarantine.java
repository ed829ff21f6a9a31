package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.Rejection;
import io.inlearning.spark.records.ValidatedRecords;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rejected events of each micro-batch as JSON lines {@code {raw, reason, detail, source}} (as the batch
 * jobs' {@code _rejected/}) in {@code <folder>/batch_id=N/}: a replayed batch replaces its own folder, so
 * every bad event is there exactly once. Blank lines are not events and are not kept.
 */
public final class Quarantine {
  private final String folder;

  public Quarantine(String folder) {
    this.folder = folder;
  }

  /** Writes the batch's rejected events; called only for a batch that has some. */
  public void write(Dataset<Row> checked, long batchId) {
    checked
        .filter(col(RecordSchema.REASON).isNotNull().and(col(RecordSchema.REASON).notEqual(Rejection.BLANK)))
        .select(ValidatedRecords.quarantineColumns())
        .coalesce(1).write().mode("overwrite").json(new Path(folder, "batch_id=" + batchId).toString());
  }

  public String folder() {
    return folder;
  }
}
