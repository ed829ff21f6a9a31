package io.inlearning.spark.courses;

import io.inlearning.spark.common.InputFormat;
import io.inlearning.spark.common.Phases;
import io.inlearning.spark.common.RecordReader;
import io.inlearning.spark.common.ValidatedRecords;
import org.apache.spark.sql.SparkSession;

/** Where the batch course jobs read from. */
public record CourseInput(String path, InputFormat format, int maxRecordBytes) {

  public static CourseInput of(String path) {
    return new CourseInput(path, InputFormat.AUTO, RecordReader.DEFAULT_MAX_RECORD_BYTES);
  }

  ValidatedRecords read(SparkSession spark, Phases phases) {
    return phases.run("read+validate", () -> {
      ValidatedRecords records = new RecordReader(spark, CourseSchema.BATCH, maxRecordBytes).read(path, format);
      records.counts();
      return records;
    });
  }
}
