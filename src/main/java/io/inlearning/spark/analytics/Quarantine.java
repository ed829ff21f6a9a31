package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.Rejection;
import io.inlearning.spark.records.ValidatedRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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

  public void write(Dataset<Row> checked, long batchId) {
    Dataset<Row> rejected = checked
        .filter(col(RecordSchema.REASON).isNotNull().and(col(RecordSchema.REASON).notEqual(Rejection.BLANK)))
        .select(ValidatedRecords.quarantineColumns());
    Path batch = new Path(folder, "batch_id=" + batchId);
    rejected.coalesce(1).write().mode("overwrite").json(batch.toString());
    // Most batches have no bad events: keep only folders that hold some (one pass over the batch, not two).
    try {
      FileSystem fs = batch.getFileSystem(checked.sparkSession().sparkContext().hadoopConfiguration());
      boolean empty = true;
      for (FileStatus file : fs.listStatus(batch)) {
        empty &= !(file.getPath().getName().startsWith("part-") && file.getLen() > 0);
      }
      if (empty) {
        fs.delete(batch, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + batch, e);
    }
  }

  public String folder() {
    return folder;
  }
}
