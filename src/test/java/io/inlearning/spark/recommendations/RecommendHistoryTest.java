package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.ingest.IngestHour;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.InteractionsTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recommender over the warehouse: the window it reads, the courses it leaves out, the settings it reuses. */
class RecommendHistoryTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  @Test
  void readsTheWindowLeavesOutUnknownCoursesAndReusesTheChosenSettings() {
    WorldGenerator.Options world = WorldGenerator.Options.builder().hours(2).courses(400).newCoursesPerHour(10)
        .learners(150).interactionsPerHour(1_000).eventsPerHour(0).seed(3).build();
    RawArea raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw")).output());
    Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
    Hour first = world.start();
    Hour second = first.next();
    IngestHour.run(spark, new IngestHour.Request(raw, warehouse, first));
    IngestHour.run(spark, new IngestHour.Request(raw, warehouse, second));
    StructType schema = new StructType().add("user_id", DataTypes.StringType).add("course_id", DataTypes.StringType)
        .add("rating", DataTypes.DoubleType).add("timestamp", DataTypes.TimestampType);
    InteractionsTable.merge(spark, warehouse, spark.createDataFrame(List.of(RowFactory.create("lrn-0000001",
        "crs-not-in-the-catalogue", 2.0, Timestamp.from(second.start().plusSeconds(60)))), schema), second);

    RecommendRequest.ModelRequest als = RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT,
        AlgorithmChoice.ALS);
    RecommendHistory.Result lastHourOnly = RecommendHistory.run(spark, new RecommendHistory.Request(warehouse,
        new RecommendHistory.History(Duration.ofHours(1), Optional.empty()), RecommendHistory.Settings.CHOOSE, als,
        RecommendRequest.EvaluationRequest.DEFAULT, new RecommendHistory.NewCourses(1, 5),
        Publishing.WAREHOUSE_ONLY));
    assertTrue(lastHourOnly.gate().passed(), lastHourOnly.gate().reason());
    assertEquals(second.start(), lastHourOnly.window().from(), "the history ends with the latest hour ingested");
    assertEquals(1_001, lastHourOnly.window().interactions());
    assertEquals(1, lastHourOnly.window().withoutCatalogueCourse());
    long learnersOfTheSecondHour = InteractionsTable.read(spark, warehouse)
        .filter(col("hour").equalTo(second.toString()).and(col("course_id").startsWith("crs-0")))
        .select("user_id").distinct().count();
    assertEquals(learnersOfTheSecondHour, lastHourOnly.learners());
    long taken = InteractionsTable.read(spark, warehouse).filter(col("hour").equalTo(second.toString())
        .and(col("course_id").startsWith("crs-0"))).select("course_id").distinct().count();
    assertEquals(410 - taken, lastHourOnly.window().untakenCourses());
    assertEquals(5, lastHourOnly.window().newCoursesOffered());
    List<String> offered = RecommendationsTable.read(spark, warehouse)
        .selectExpr("explode(recommendations) as r").filter("r.source = 'content'").select("r.course_id")
        .distinct().as(Encoders.STRING()).collectAsList();
    assertTrue(!offered.isEmpty() && offered.stream().allMatch(id -> id.compareTo("crs-000000400") >= 0
        && id.compareTo("crs-000000404") <= 0), "only the 5 newest untaken courses are offered by text: " + offered);

    RecommendHistory.Result chosen = RecommendHistory.run(spark, new RecommendHistory.Request(warehouse,
        RecommendHistory.History.DEFAULT, RecommendHistory.Settings.CHOOSE,
        RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT), RecommendRequest.EvaluationRequest.DEFAULT,
        RecommendHistory.NewCourses.DEFAULT, Publishing.WAREHOUSE_ONLY));
    assertEquals(2_001, chosen.window().interactions());
    assertTrue(chosen.recommended().metrics().modelSelection() != null, "auto chose on validation folds");
    RecommendHistory.Result reused = RecommendHistory.run(spark, RecommendHistory.Request.reusing(warehouse, Publishing.WAREHOUSE_ONLY));
    assertEquals(chosen.version(), reused.settings().chosenIn());
    RecommendMetrics written = Json.read(Path.of(ModelRegistry.location(warehouse, ModelRegistry.Kind.RECOMMENDER,
        chosen.version()), "metrics.json"), RecommendMetrics.class);
    assertTrue(written.gate().passed(), "the verdict is in the version's metrics.json");
    assertEquals(chosen.recommended().metrics().quality().ranking().ndcgAtK(), written.gate().score());
    assertEquals(lastHourOnly.version(), written.gate().currentVersion(),
        "compared with the settings in use, chosen by the first run");
    assertTrue(written.evaluation().currentSettingsNdcgAtK() != null);
    assertEquals(chosen.settings().settings(), reused.settings().settings(), "the same settings, read back");
    assertEquals(Optional.of(reused.version()), ModelRegistry.current(spark.sparkContext().hadoopConfiguration(),
        warehouse, ModelRegistry.Kind.RECOMMENDER));

    Dataset<Row> lists = RecommendationsTable.read(spark, warehouse);
    assertEquals(InteractionsTable.read(spark, warehouse).filter(col("course_id").startsWith("crs-0"))
        .select("user_id").distinct().count(), lists.count());
    assertEquals(0, lists.filter(col("model_version").notEqual(reused.version())).count());
    assertEquals(0, lists.selectExpr("explode(recommendations) as r")
        .filter("r.course_id = 'crs-not-in-the-catalogue' or r.title is null").count());
    Row history = spark.sql("DESCRIBE HISTORY delta.`" + warehouse.root() + "/recommendations`").first();
    assertEquals("WRITE", history.getAs("operation"), "each run replaces the lists in one commit");
  }
}
