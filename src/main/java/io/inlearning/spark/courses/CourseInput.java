package io.inlearning.spark.courses;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.ValidatedRecords;
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
