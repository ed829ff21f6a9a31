package io.inlearning.spark.cli;

import io.inlearning.spark.common.InputFormat;
import io.inlearning.spark.common.RecordReader;
import io.inlearning.spark.courses.CourseInput;
import picocli.CommandLine.Option;

/** --input, --format, --max-record-bytes. */
final class CourseInputOptions {
  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "course records: a file or folder of JSON lines, Parquet or CSV")
  String input;

  @Option(names = "--format", defaultValue = "auto",
      description = "auto, json, parquet or csv (default: ${DEFAULT-VALUE}: by file extension)")
  String format;

  @Option(names = "--max-record-bytes", paramLabel = "N",
      description = "records larger than this are rejected (default: 1048576)")
  int maxRecordBytes = RecordReader.DEFAULT_MAX_RECORD_BYTES;

  CourseInput toInput() {
    return new CourseInput(input, InputFormat.parse(format), maxRecordBytes);
  }
}
