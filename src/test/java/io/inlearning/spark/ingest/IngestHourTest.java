package io.inlearning.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.InteractionsTable;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RejectedTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Ingests a generated world hour by hour into real Delta tables on disk, and ingests an hour again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestHourTest {
  private final SparkSession spark = TestSpark.session();
  private final WorldGenerator.Options world = WorldGenerator.Options.builder().hours(3).courses(300)
      .newCoursesPerHour(10).learners(200).interactionsPerHour(1_000).eventsPerHour(0).seed(3).build();

  @TempDir
  static Path dir;

  private RawArea raw;
  private Warehouse warehouse;
  private List<IngestHour.Result> firstPass;

  @BeforeAll
  void ingestThreeHours() {
    raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw")).output());
    warehouse = new Warehouse(dir.resolve("warehouse").toString());
    firstPass = List.of(ingest(0), ingest(1), ingest(2));
  }

  @Test
  @Order(1)
  void everyCourseIsOnceInTheCatalogueAndEveryInteractionOnceInTheLog() {
    assertEquals(320, CoursesTable.read(spark, warehouse).count());
    assertEquals(320, CoursesTable.read(spark, warehouse).select("course_id").distinct().count());
    long offered = firstPass.stream().mapToLong(r -> r.interactions().records().accepted()).sum();
    long folded = firstPass.stream().mapToLong(r -> r.interactions().merged().foldedDuplicates()).sum();
    assertEquals(3_000, offered);
    assertEquals(offered - folded, InteractionsTable.read(spark, warehouse).count());
    assertEquals(300, firstPass.get(0).courses().merged().inserted());
    assertEquals(10, firstPass.get(2).courses().merged().inserted());
    // Courses arrive with the hour they came in as their last update; none has a prediction yet.
    Row newest = CoursesTable.read(spark, warehouse).filter(col("course_id").equalTo("crs-000000315")).first();
    assertEquals(java.sql.Timestamp.from(world.start().plusHours(2).start()), newest.getAs("updated_at"));
    assertNull(newest.getAs("predicted_category"));
  }

  @Test
  @Order(2)
  void anHourIngestedAgainChangesNoRow() {
    long courses = CoursesTable.read(spark, warehouse).count();
    long interactions = InteractionsTable.read(spark, warehouse).count();
    IngestHour.Result again = ingest(1);
    assertEquals(0, again.courses().merged().inserted());
    assertEquals(0, again.courses().merged().updated());
    assertEquals(10, again.courses().merged().unchanged());
    assertEquals(0, again.interactions().merged().inserted());
    assertEquals(0, again.interactions().merged().updated());
    assertEquals(courses, CoursesTable.read(spark, warehouse).count());
    assertEquals(interactions, InteractionsTable.read(spark, warehouse).count());
  }

  @Test
  @Order(3)
  void everyIngestIsAMergeInTheTablesHistory() {
    for (Table table : List.of(Table.COURSES, Table.INTERACTIONS)) {
      assertTrue(Files.isDirectory(Path.of(warehouse.location(table), "_delta_log")), table + " has no _delta_log");
      List<String> operations = DeltaTable.forPath(spark, warehouse.location(table)).history()
          .select("operation").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      assertEquals(4, operations.stream().filter("MERGE"::equals).count(), table + ": " + operations);
    }
  }

  @Test
  @Order(4)
  void anHourWithoutFilesIngestsNothingAndSucceeds() {
    IngestHour.Result quiet = ingest(7);
    assertTrue(quiet.empty());
    assertFalse(quiet.courses().arrived());
    assertEquals(0, quiet.interactions().records().read());
  }

  /**
   * A later hour brings a corrected course, a course whose text changed (its prediction is cleared), a
   * repeated interaction, a corrected strength and lines to refuse; run twice, its rejects are kept once.
   */
  @Test
  @Order(5)
  void changedRecordsUpdateTheirRowAndRejectsAreKeptOncePerHour() {
    DeltaTable.forPath(spark, warehouse.location(Table.COURSES)).updateExpr(
        "course_id IN ('crs-000000001', 'crs-000000002')",
        Map.of("predicted_category", "'music'", "probability", "0.9", "model_version", "'v1'"));
    Row one = CoursesTable.read(spark, warehouse).filter(col("course_id").equalTo("crs-000000001")).first();
    Row two = CoursesTable.read(spark, warehouse).filter(col("course_id").equalTo("crs-000000002")).first();
    Row interaction = InteractionsTable.read(spark, warehouse).orderBy("user_id", "course_id", "timestamp").first();
    Hour later = world.start().plusHours(9);
    String stamp = interaction.getTimestamp(interaction.fieldIndex("timestamp")).toInstant().toString();
    TestSpark.writeLines(Path.of(raw.location(RawArea.Kind.COURSES, later), "courses.json"), List.of(
        course("crs-000000001", one.getAs("title"), one.getAs("content"), "a-new-category"),
        course("crs-000000002", "A new title", two.getAs("content"), two.getAs("category")),
        "{\"course_id\": \"crs-broken\", \"title\": \"no content\"}",
        "not json at all"));
    TestSpark.writeLines(Path.of(raw.location(RawArea.Kind.INTERACTIONS, later), "interactions.json"), List.of(
        interaction("lrn-9999999", "crs-000000003", 2, "2026-01-05T09:10:00Z"),
        interaction("lrn-9999999", "crs-000000003", 2, "2026-01-05T09:10:00Z"),
        interaction(interaction.getAs("user_id"), interaction.getAs("course_id"), 42, stamp),
        "{\"user_id\": \"lrn-1\", \"course_id\": \"crs-000000003\", \"rating\": -4}"));

    IngestHour.Result result = ingest(9);
    assertEquals(2, result.courses().records().rejected());
    assertEquals(0, result.courses().merged().inserted());
    assertEquals(2, result.courses().merged().updated());
    assertEquals(1, result.interactions().records().rejected());
    assertEquals(1, result.interactions().merged().foldedDuplicates());
    assertEquals(1, result.interactions().merged().inserted());
    assertEquals(1, result.interactions().merged().updated());

    Map<String, Row> courses = CoursesTable.read(spark, warehouse)
        .filter(col("course_id").isin("crs-000000001", "crs-000000002")).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("course_id"), r -> r));
    assertEquals("a-new-category", courses.get("crs-000000001").getAs("category"));
    assertEquals("music", courses.get("crs-000000001").getAs("predicted_category"), "same text: prediction kept");
    assertEquals("A new title", courses.get("crs-000000002").getAs("title"));
    assertNull(courses.get("crs-000000002").getAs("predicted_category"), "new text: prediction cleared");
    assertEquals(42.0, InteractionsTable.read(spark, warehouse)
        .filter(col("user_id").equalTo(interaction.<String>getAs("user_id"))
            .and(col("course_id").equalTo(interaction.<String>getAs("course_id")))
            .and(col("timestamp").equalTo(interaction.getTimestamp(interaction.fieldIndex("timestamp")))))
        .first().<Double>getAs("rating"));

    ingest(9);
    List<Row> rejects = RejectedTable.read(spark, warehouse).filter(col("hour").equalTo(later.toString()))
        .collectAsList();
    assertEquals(3, rejects.size(), rejects.toString());
    assertTrue(rejects.stream().allMatch(r -> r.getAs("reason") != null && r.getAs("raw") != null));
  }

  /** A warehouse given as a relative path, as a user types it, is the folder under the working directory. */
  @Test
  @Order(9)
  void aRelativeWarehouseIsUnderTheWorkingDirectory() throws Exception {
    Path relative = Path.of("target", "relative-warehouse-" + System.nanoTime());
    try {
      Warehouse here = new Warehouse(relative.toString());
      IngestHour.Result result = IngestHour.run(spark, new IngestHour.Request(raw, here, world.start()));
      assertEquals(300, result.courses().merged().inserted());
      assertEquals(300, CoursesTable.read(spark, here).count());
      assertTrue(java.nio.file.Files.isDirectory(relative.toAbsolutePath().resolve("courses/_delta_log")));
    } finally {
      io.inlearning.spark.files.LocalFiles.deleteRecursively(relative);
    }
  }

  private IngestHour.Result ingest(int hour) {
    return IngestHour.run(spark, new IngestHour.Request(raw, warehouse, world.start().plusHours(hour)));
  }

  private static String course(String id, String title, String content, String category) {
    Map<String, Object> record = new java.util.LinkedHashMap<>();
    record.put("course_id", id);
    record.put("title", title);
    record.put("content", content);
    record.put("category", category);
    return io.inlearning.spark.json.Json.compact(record);
  }

  private static String interaction(String user, String course, double rating, String timestamp) {
    return io.inlearning.spark.json.Json.compact(Map.of(
        "user_id", user, "course_id", course, "rating", rating, "timestamp", timestamp));
  }
}
