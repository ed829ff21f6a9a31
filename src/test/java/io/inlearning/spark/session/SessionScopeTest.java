package io.inlearning.spark.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlearning.spark.TestSpark;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

class SessionScopeTest {
  private static final String PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String MIN_SPLITS = "spark.sql.files.minPartitionNum";
  private static final String MARKER = "inlearning.test.marker";

  @TempDir
  Path dir;

  @Test
  void settingsAndTheCheckpointFolderAreRestoredAfterTheJobEvenWhenItFails() {
    SparkSession spark = TestSpark.session();
    Option<String> checkpoints = spark.sparkContext().getCheckpointDir();
    String partitions = spark.conf().get(PARTITIONS);
    spark.conf().set(MARKER, "before");
    spark.conf().unset(MIN_SPLITS); // reading records outside a job (other tests) sets it
    try {
      String seen = SessionScope.run(spark, () -> {
        spark.conf().set(PARTITIONS, "3");
        spark.conf().set(MIN_SPLITS, "12");
        spark.conf().unset(MARKER);
        spark.sparkContext().setCheckpointDir(dir.toString());
        return spark.conf().get(PARTITIONS) + " " + spark.conf().get(MIN_SPLITS);
      });
      assertEquals("3 12", seen);
      assertEquals(partitions, spark.conf().get(PARTITIONS));
      assertFalse(spark.conf().contains(MIN_SPLITS));
      assertEquals("before", spark.conf().get(MARKER));
      assertEquals(checkpoints, spark.sparkContext().getCheckpointDir());

      assertThrows(IllegalStateException.class, () -> SessionScope.run(spark, () -> {
        spark.conf().set(MIN_SPLITS, "5");
        spark.sparkContext().setCheckpointDir(dir.toString());
        throw new IllegalStateException("the job failed");
      }));
      assertFalse(spark.conf().contains(MIN_SPLITS));
      assertEquals(checkpoints, spark.sparkContext().getCheckpointDir());
    } finally {
      spark.conf().unset(MARKER);
    }
  }
}
