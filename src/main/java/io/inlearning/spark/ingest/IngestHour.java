package io.inlearning.spark.ingest;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.recommendations.InteractionSchema;
import io.inlearning.spark.session.SessionScope;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.InteractionsTable;
import io.inlearning.spark.warehouse.MergeCounts;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RejectedTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ingest}: brings one hour of the raw area into the warehouse. The hour's course records are merged
 * into {@code courses} and its interaction records into {@code interactions}, each by its key, and the
 * records refused go to {@code rejected} with their reason. An hour with no files ingests nothing and
 * succeeds; an hour ingested again changes no row.
 */
public final class IngestHour {
  public record Request(RawArea raw, Warehouse warehouse, Hour hour) {
    /** Before Spark starts: the raw area is a folder, the warehouse a folder or creatable. */
    public void check(Locations locations) {
      locations.requireFolder("raw area", raw.root());
      locations.requireFolderOrCreatable("warehouse", warehouse.root());
    }
  }

  /** What one kind of record of the hour came to: records read, accepted and rejected, and the merge. */
  public record Ingested(RawArea.Kind kind, String source, RecordCounts records, MergeCounts merged) {
    static Ingested nothing(RawArea.Kind kind, String source) {
      return new Ingested(kind, source, RecordCounts.none(), MergeCounts.NONE);
    }

    public boolean arrived() {
      return records.read() > 0;
    }
  }

  public record Result(Hour hour, Ingested courses, Ingested interactions,
                       Map<String, Double> timingsSeconds) {
    /** True when the hour brought no record of any kind. */
    public boolean empty() {
      return !courses.arrived() && !interactions.arrived();
    }
  }

  private IngestHour() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Request request) {
    return SessionScope.run(spark, () -> {
      // The hour's records are cached once aggregated; let AQE still size the merge's partitions to them
      // rather than keep spark.sql.shuffle.partitions (200) small files per merge.
      spark.conf().set("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");
      return ingest(spark, request);
    });
  }

  private static Result ingest(SparkSession spark, Request request) {
    Phases phases = new Phases(spark.sparkContext());
    Ingested courses = phases.run("ingest courses", () -> ingest(spark, request, RawArea.Kind.COURSES,
        CourseSchema.BATCH, accepted -> CoursesTable.merge(spark, request.warehouse(), accepted, request.hour())));
    Ingested interactions = phases.run("ingest interactions", () -> ingest(spark, request,
        RawArea.Kind.INTERACTIONS, InteractionSchema.IMPLICIT,
        accepted -> InteractionsTable.merge(spark, request.warehouse(), accepted, request.hour())));
    return new Result(request.hour(), courses, interactions, phases.report());
  }

  private interface Merge {
    MergeCounts into(Dataset<Row> accepted);
  }

  private static Ingested ingest(SparkSession spark, Request request, RawArea.Kind kind, RecordSchema schema,
                                 Merge merge) {
    String source = request.raw().location(kind, request.hour());
    if (!Locations.of(spark.sparkContext().hadoopConfiguration()).hasData(kind.folder(), source)) {
      return Ingested.nothing(kind, source);
    }
    Optional<ValidatedRecords> read = new RecordReader(spark, schema).readIfAny(source, InputFormat.AUTO);
    if (read.isEmpty()) {
      return Ingested.nothing(kind, source);
    }
    try (ValidatedRecords records = read.get()) {
      MergeCounts merged = merge.into(records.accepted());
      RejectedTable.replace(spark, request.warehouse(), kind, request.hour(), records.rejected());
      return new Ingested(kind, source, records.counts(), merged);
    }
  }
}
