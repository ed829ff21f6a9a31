package io.inlearning.spark.hourly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.InteractionsTable;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three consecutive hours of a generated world, then the second hour again (a retry) and an hour with no files:
 * the acceptance check of the hourly flow.
 */
class HourlyRunTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  @Test
  void threeHoursARetryAndAnEmptyHourLeaveOneCoherentWarehouse() {
    WorldGenerator.Options world = WorldGenerator.Options.builder().hours(3).courses(1_200).newCoursesPerHour(30)
        .learners(150).interactionsPerHour(1_500).eventsPerHour(0).seed(9).build();
    RawArea raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw")).output());
    Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());

    List<HourlyRun.Result> hours = List.of(run(raw, warehouse, world, 0), run(raw, warehouse, world, 1),
        run(raw, warehouse, world, 2));
    for (HourlyRun.Result hour : hours) {
      assertEquals(List.of(), hour.refusals(), "no model refused by its quality gate");
    }
    assertTrue(hours.get(0).trained().isPresent(), "the first hour trains the classifier");
    assertTrue(hours.get(1).trained().isEmpty() && hours.get(2).trained().isEmpty(), "later hours reuse it");
    assertEquals(30, hours.get(2).classified().orElseThrow().classified(), "only the hour's new courses");
    String chosenIn = hours.get(0).recommended().orElseThrow().version();
    for (HourlyRun.Result hour : hours) {
      assertEquals(chosenIn, hour.recommended().orElseThrow().settings().chosenIn(),
          "the first hour chooses the recommender's settings, later hours reuse them");
    }
    long interactions = InteractionsTable.read(spark, warehouse).count();
    Dataset<Row> firstHourOnly = InteractionsTable.read(spark, warehouse).groupBy("user_id")
        .agg(max("hour").as("last"), min("hour").as("first"))
        .filter(col("last").equalTo(world.start().toString()));
    assertTrue(firstHourOnly.count() > 0, "some learner was active in the first hour only");

    HourlyRun.Result retry = run(raw, warehouse, world, 1);
    assertEquals(0, retry.classified().orElseThrow().classified());
    assertEquals(interactions, InteractionsTable.read(spark, warehouse).count());
    String listsOfTheRetry = retry.recommended().orElseThrow().version();
    HourlyRun.Result empty = run(raw, warehouse, world, 5);
    assertTrue(empty.ingested().empty());
    assertTrue(empty.recommended().isEmpty(), "an hour that brought nothing keeps the lists");

    Dataset<Row> courses = CoursesTable.read(spark, warehouse);
    assertEquals(1_260, courses.count());
    assertEquals(1_260, courses.select("course_id").distinct().count());
    long unlabelled = courses.filter(col("category").isNull()).count();
    assertTrue(unlabelled > 100, unlabelled + " courses without a category");
    assertEquals(0, courses.filter(col("category").isNull().and(col("predicted_category").isNull())).count(),
        "every course without a category has a predicted one");
    assertEquals(4_500, interactions);

    Dataset<Row> lists = RecommendationsTable.read(spark, warehouse);
    assertEquals(InteractionsTable.read(spark, warehouse).select("user_id").distinct().count(), lists.count(),
        "one row per learner of the history");
    assertEquals(1, lists.select("model_version").distinct().count());
    assertEquals(listsOfTheRetry, lists.first().getAs("model_version"));
    assertEquals(0, lists.filter("size(recommendations) <> 10").count(), "every learner has 10 courses");
    Dataset<Row> learner = lists.join(firstHourOnly.limit(1), "user_id");
    assertEquals(1, learner.count(), "the learner active only in the first hour still has a list");
    Dataset<Row> recommended = lists.selectExpr("explode(recommendations) as r").select("r.*");
    assertEquals(0, recommended.filter(col("title").isNull().or(col("category").isNull())).count(),
        "every recommended course carries its title and category");
    assertEquals(0, recommended.join(courses, recommended.col("course_id").equalTo(courses.col("course_id")),
        "left_anti").count(), "every recommended course is in the catalogue");
  }

  private HourlyRun.Result run(RawArea raw, Warehouse warehouse, WorldGenerator.Options world, int hour) {
    return HourlyRun.run(spark, new HourlyRun.Request(raw, warehouse, world.start().plusHours(hour),
        ClassifierRequest.DEFAULTS));
  }
}
