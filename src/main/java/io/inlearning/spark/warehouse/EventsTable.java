package io.inlearning.spark.warehouse;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code events} table: every validated course event of the streaming job. A micro-batch is appended in
 * one commit that carries the query's id and the batch id (Delta's idempotent writes, {@code txnAppId} and
 * {@code txnVersion}): a batch replayed after a crash, whose commit is already in the log, is skipped, so
 * every event is in the table once however the job was stopped.
 */
public final class EventsTable {
  private EventsTable() {}

  /** Appends {@code events} (the table's columns, at least) as batch {@code batchId} of writer {@code writer}. */
  public static void append(SparkSession spark, Warehouse warehouse, Dataset<Row> events, String writer,
                            long batchId) {
    DeltaTables.open(spark, warehouse, Table.EVENTS);
    Column[] columns = Arrays.stream(Table.EVENTS.schema().fieldNames()).map(name -> col(name))
        .toArray(Column[]::new);
    events.select(columns).write().format("delta").mode("append")
        .option("txnAppId", writer)
        .option("txnVersion", batchId)
        .save(warehouse.location(Table.EVENTS));
  }

  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse) {
    return DeltaTables.read(spark, warehouse, Table.EVENTS);
  }
}
