package io.inlearning.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        "warehouse/models/classifier/CURRENT"}) {
      assertTrue(Files.exists(dir.resolve(file)), file + " is missing");
    }
    Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
    assertEquals(2_020, CoursesTable.read(TestSpark.session(), warehouse).count());
    assertEquals(0, CoursesTable.read(TestSpark.session(), warehouse).filter(col("predicted_category").isNull())
        .count());
  }
}
