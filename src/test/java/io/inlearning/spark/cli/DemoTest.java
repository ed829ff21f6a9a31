package io.inlearning.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.EventsTable;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, at a smaller catalogue: every step runs and leaves its results. */
class DemoTest {
  @TempDir
  Path dir;

  @Test
  void theDemoRunsEveryJobAndTheHourlyFlow() {
    TestSpark.session();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(err, true), "demo", "--output", dir.toString(), "--courses", "2000");
    assertEquals(0, code, err.toString());
    for (String file : new String[] {"courses/metrics.json", "recommendations/metrics.json",
        "analytics/metrics.json", "warehouse/courses/_delta_log", "warehouse/interactions/_delta_log",
        "warehouse/models/classifier/CURRENT", "warehouse/recommendations/_delta_log",
        "warehouse/models/recommender/CURRENT", "warehouse/events/_delta_log", "warehouse/category_windows/_delta_log",
        "warehouse/course_windows/_delta_log"}) {
      assertTrue(Files.exists(dir.resolve(file)), file + " is missing");
    }
    Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
    assertEquals(2_020, CoursesTable.read(TestSpark.session(), warehouse).count());
    assertEquals(0, CoursesTable.read(TestSpark.session(), warehouse).filter(col("predicted_category").isNull())
        .count());
    Dataset<Row> lists = RecommendationsTable.read(TestSpark.session(), warehouse);
    assertTrue(lists.count() > 0);
    assertEquals(0, lists.filter("size(recommendations) <> 10").count(), "10 courses for every learner");
    assertEquals(EventsTable.read(TestSpark.session(), warehouse).count(),
        EventsTable.read(TestSpark.session(), warehouse).join(CoursesTable.read(TestSpark.session(), warehouse),
            "course_id").count(), "the world's events are about its catalogue's courses");
  }
}
