package io.inlearning.spark.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.errors.ExistingOutputException;
import io.inlearning.spark.errors.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  @Test
  void nothingAppearsUntilCommitAndAFailureLeavesNothing() throws Exception {
    Path target = dir.resolve("out");
    try (AtomicOutput out = AtomicOutput.create(spark, OutputFolder.refusingExisting(target.toString()))) {
      out.writeText("metrics.json", "{}");
      spark.range(10).write().parquet(out.path("numbers"));
      assertFalse(Files.exists(target));
      // no commit: as if the job had failed here
    }
    assertFalse(Files.exists(target));
    assertEquals(0, listing().count(), "the staging folder is removed");

    try (AtomicOutput out = AtomicOutput.create(spark, OutputFolder.refusingExisting(target.toString()))) {
      out.writeText("metrics.json", "{}");
      out.commit();
    }
    assertTrue(Files.exists(target.resolve("metrics.json")));
    assertEquals(1, listing().count());
  }

  @Test
  void anExistingOutputIsReplacedOnlyWhenAsked() throws Exception {
    Path target = Files.createDirectories(dir.resolve("out"));
    Files.writeString(target.resolve("old.txt"), "old");
    InvalidRequestException refused = assertThrows(ExistingOutputException.class,
        () -> AtomicOutput.create(spark, OutputFolder.refusingExisting(target.toString())));
    assertTrue(refused.getMessage().contains("already exists"));

    try (AtomicOutput out = AtomicOutput.create(spark, OutputFolder.replacingExisting(target.toString()))) {
      out.writeText("new.txt", "new");
      out.commit();
    }
    assertTrue(Files.exists(target.resolve("new.txt")));
    assertFalse(Files.exists(target.resolve("old.txt")));
    assertEquals(1, listing().count(), "the previous output is deleted, not left beside");
  }

  private Stream<Path> listing() throws Exception {
    return Files.list(dir);
  }
}
