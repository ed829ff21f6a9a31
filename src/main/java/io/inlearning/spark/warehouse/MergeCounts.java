package io.inlearning.spark.warehouse;

import org.apache.spark.sql.Row;

/**
 * What a {@code MERGE} into a table did: the rows offered (after identical duplicates within the offer were
 * folded into one), and how many of them were new, changed an existing row, or were already there as they are.
 */
public record MergeCounts(long offered, long foldedDuplicates, long inserted, long updated) {
  public static final MergeCounts NONE = new MergeCounts(0, 0, 0, 0);

  public long unchanged() {
    return offered - foldedDuplicates - inserted - updated;
  }

  /** From the one-row result of Delta's merge: num_affected_rows, num_updated_rows, num_deleted_rows, num_inserted_rows. */
  static MergeCounts of(long offered, long folded, Row metrics) {
    return new MergeCounts(offered, folded, metrics.getLong(metrics.fieldIndex("num_inserted_rows")),
        metrics.getLong(metrics.fieldIndex("num_updated_rows")));
  }
}
