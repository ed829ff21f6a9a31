package io.inlearning.spark.cli;

import io.inlearning.spark.courses.CourseInput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --input, plus --format and --max-record-bytes. */
final class CourseInputOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "course records: a file, folder or glob of JSON lines, Parquet or CSV")
  String input;

  @Mixin
  ReadOptions read;

  CourseInput toInput() {
    return new CourseInput(input, read.inputFormat(), read.maxRecordBytes);
  }
}
