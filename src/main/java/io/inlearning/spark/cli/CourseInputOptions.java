package io.inlearning.spark.cli;

import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.files.Locations;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --input, plus --format and --max-record-bytes. */
final class CourseInputOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "course records: a file or folder of JSON lines, Parquet or CSV")
  String input;

  @Mixin
  ReadOptions read;

  /** The input, checked to be there, readable and not empty. */
  CourseInput toInput(Locations locations) {
    CourseInput courses = new CourseInput(input, read.inputFormat(), read.maxRecordBytes());
    locations.requireInput("input", input);
    return courses;
  }
}
