package io.inlearning.spark.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSessionsTest {
  @TempDir
  Path dir;

  /** Two 8 MiB files on 2 cores: Spark alone reads them as 2 splits, the jobs' sessions as 4. */
  @Test
  void inputFilesAreCutSoThatEveryCoreGetsSeveralSplits() {
    SparkSession spark = TestSpark.session();
    assertEquals("6", spark.conf().get(SparkSessions.MIN_SPLITS));
    List<String> lines = new ArrayList<>();
    while (lines.size() * 100L < 8L << 20) {
      lines.add("{\"course_id\": \"c" + lines.size() + "\", \"title\": \"" + "x".repeat(60) + "\"}");
    }
    TestSpark.writeLines(dir.resolve("a.json"), lines);
    TestSpark.writeLines(dir.resolve("b.json"), lines);
    assertEquals(4, spark.read().json(dir.toString()).rdd().getNumPartitions());
  }
}
