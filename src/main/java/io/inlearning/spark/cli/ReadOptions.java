package io.inlearning.spark.cli;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import picocli.CommandLine.Option;

/** How any job reads its input: --format and --max-record-bytes. */
final class ReadOptions {
  @Option(names = "--format", defaultValue = "auto",
      description = "auto, json, parquet, csv or movielens (default: ${DEFAULT-VALUE}: by file extension)")
  String format;

  @Option(names = "--max-record-bytes", paramLabel = "N",
      description = "records larger than this are rejected (default: 1048576)")
  int maxRecordBytes = RecordReader.DEFAULT_MAX_RECORD_BYTES;

  int maxRecordBytes() {
    if (maxRecordBytes < 1) {
      throw new UsageException("--max-record-bytes must be at least 1, got " + maxRecordBytes);
    }
    return maxRecordBytes;
  }

  InputFormat inputFormat() {
    return InputFormat.parse(format);
  }
}
