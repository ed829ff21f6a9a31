package io.inlearning.spark.records;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * The records of one input after validation: the accepted ones (typed, unique by the schema's id field)
 * and the rejected ones with their reason. The checked records are cached once; duplicates, which need
 * the raw text of accepted records, are settled by reading those few records again.
 */
public final class ValidatedRecords implements AutoCloseable {
  private final SparkSession spark;
  private final RecordSchema schema;
  private final Supplier<Dataset<Row>> checkedWithRaw;
  private final Dataset<Row> checked;
  private RecordCounts counts;
  private Dataset<Row> accepted;
  private Dataset<Row> duplicateLosers;

  ValidatedRecords(SparkSession spark, RecordSchema schema, Supplier<Dataset<Row>> checkedWithRaw,
                   Dataset<Row> checked) {
    this.spark = spark;
    this.schema = schema;
    this.checkedWithRaw = checkedWithRaw;
    this.checked = checked.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Counts by verdict, duplicates included. The first call reads the whole input. */
  public RecordCounts counts() {
    if (counts == null) {
      Map<String, Long> byReason = new HashMap<>();
      for (Row row : checked.groupBy(col(RecordSchema.REASON)).count().collectAsList()) {
        byReason.put(row.isNullAt(0) ? null : row.getString(0), row.getLong(1));
      }
      long blank = byReason.getOrDefault(Rejection.BLANK, 0L);
      byReason.remove(Rejection.BLANK);
      long acceptedCount = byReason.getOrDefault(null, 0L);
      byReason.remove(null);
      long rejectedCount = byReason.values().stream().mapToLong(Long::longValue).sum();
      RecordCounts parsed = new RecordCounts(acceptedCount + rejectedCount, acceptedCount, rejectedCount,
          byReason, blank);
      counts = parsed.withRejected(Rejection.DUPLICATE_ID, settleDuplicates());
    }
    return counts;
  }

  /** Accepted records, one per id; columns of {@link RecordSchema#acceptedType()}. */
  public Dataset<Row> accepted() {
    counts();
    return accepted;
  }

  /** Rejected records as (raw, reason, detail, source). */
  public Dataset<Row> rejected() {
    counts();
    Dataset<Row> rejected = checked
        .filter(col(RecordSchema.REASON).isNotNull().and(col(RecordSchema.REASON).notEqual(Rejection.BLANK)))
        .select(quarantineColumns());
    return duplicateLosers == null ? rejected : rejected.unionByName(duplicateLosers.select(quarantineColumns()));
  }

  /** Writes the rejected records as JSON lines: {raw, reason, detail, source}. */
  public void writeRejected(String path) {
    rejected().coalesce(Math.max(1, (int) Math.min(16, counts().rejected() / 500_000 + 1)))
        .write().mode("overwrite").json(path);
  }

  /** The columns of a quarantined record: raw, reason, detail, source. */
  public static Column[] quarantineColumns() {
    return new Column[] {
        col(RecordSchema.RAW).as("raw"),
        col(RecordSchema.REASON).as("reason"),
        col(RecordSchema.DETAIL).as("detail"),
        col(RecordSchema.SOURCE).as("source")};
  }

  /**
   * Keeps one record per id and returns how many were rejected as duplicates. The kept one is the most
   * recent by the schema's first timestamp field (when it has one), ties broken by the smallest raw text,
   * so the choice does not depend on partitioning.
   */
  private long settleDuplicates() {
    Column[] fields = Arrays.stream(schema.fieldNames()).map(name -> col(name)).toArray(Column[]::new);
    Dataset<Row> ok = checked.filter(col(RecordSchema.REASON).isNull());
    if (schema.idField() == null) {
      accepted = ok.select(fields);
      return 0;
    }
    String id = schema.idField();
    // Not cached: AQE does not coalesce the shuffle partitions of a cached plan.
    Dataset<Row> duplicateIds = ok.groupBy(col(id)).count().filter(col("count").gt(1)).select(col(id));
    if (duplicateIds.count() == 0) {
      accepted = ok.select(fields);
      return 0;
    }
    WindowSpec newestFirst = Window.partitionBy(col(id)).orderBy(recencyOrder());
    Dataset<Row> ranked = checkedWithRaw.get()
        .filter(col(RecordSchema.REASON).isNull())
        .join(duplicateIds, id)
        .withColumn("_rank", row_number().over(newestFirst))
        .persist(StorageLevel.MEMORY_AND_DISK());
    duplicateLosers = ranked.filter(col("_rank").gt(1))
        .withColumn(RecordSchema.REASON, lit(Rejection.DUPLICATE_ID))
        .withColumn(RecordSchema.DETAIL, concat(lit(id + " already in a kept record: "), col(id)));
    Dataset<Row> winners = ranked.filter(col("_rank").equalTo(1)).select(fields);
    accepted = ok.join(duplicateIds, ok.col(id).equalTo(duplicateIds.col(id)), "left_anti")
        .select(fields).unionByName(winners);
    return duplicateLosers.count();
  }

  private Column[] recencyOrder() {
    return schema.fields().stream()
        .filter(field -> field.kind() == RecordSchema.Kind.TIMESTAMP)
        .findFirst()
        .map(field -> new Column[] {col(field.name()).desc_nulls_last(), col(RecordSchema.RAW).asc()})
        .orElse(new Column[] {col(RecordSchema.RAW).asc()});
  }

  public SparkSession spark() {
    return spark;
  }

  @Override
  public void close() {
    checked.unpersist();
  }
}
