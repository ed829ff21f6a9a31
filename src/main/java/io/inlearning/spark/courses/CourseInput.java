package io.inlearning.spark.courses;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.ValidatedRecords;
import org.apache.spark.sql.SparkSession;

/** Where the batch course jobs read from: a file, folder or glob of course records, their format, the largest record. */
public record CourseInput(String path, InputFormat format, int maxRecordBytes) {
  public CourseInput {
    Check.atLeast("max_record_bytes", maxRecordBytes, 1);
  }

  public static CourseInput of(String path) {
    return new CourseInput(path, InputFormat.AUTO, RecordReader.DEFAULT_MAX_RECORD_BYTES);
  }

  /** Before Spark starts: the input is there, readable and not empty. */
  void check(Locations locations) {
    locations.requireInput("input", path);
  }

  ValidatedRecords read(SparkSession spark, Phases phases) {
    return phases.run("read+validate", () -> {
      ValidatedRecords records = new RecordReader(spark, CourseSchema.BATCH, maxRecordBytes).read(path, format);
      records.counts();
      return records;
    });
  }
}
