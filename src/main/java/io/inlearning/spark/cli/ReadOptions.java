package io.inlearning.spark.cli;

import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import picocli.CommandLine.Option;

/** How any job reads its input: --format and --max-record-bytes. */
final class ReadOptions {
  @Option(names = "--format", paramLabel = "auto|json|parquet|csv|movielens",
      description = "input format (default: ${DEFAULT-VALUE}: by file extension)")
  String format = "auto";

  @Option(names = "--max-record-bytes", paramLabel = "N",
      description = "records larger than this are rejected (default: ${DEFAULT-VALUE})")
  int maxRecordBytes = RecordReader.DEFAULT_MAX_RECORD_BYTES;

  InputFormat inputFormat() {
    return InputFormat.parse(format);
  }
}
