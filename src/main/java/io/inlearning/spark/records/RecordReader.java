package io.inlearning.spark.records;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.inlearning.spark.errors.InvalidRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads records of any supported format as JSON text, checks each against a schema, and returns them with
 * their verdict. Nothing is dropped: every non-blank line comes back either accepted or with a reason.
 */
public final class RecordReader {
  /** Records larger than this (in UTF-8 bytes) are rejected rather than parsed. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
  /** How much of an oversized record is kept in the quarantine. */
  static final int KEPT_PREFIX_CHARS = 4096;
  static final String MIN_SPLITS = "spark.sql.files.minPartitionNum";

  private final SparkSession spark;
  private final RecordSchema schema;
  private final int maxRecordBytes;

  public RecordReader(SparkSession spark, RecordSchema schema, int maxRecordBytes) {
    this.spark = spark;
    this.schema = schema;
    this.maxRecordBytes = maxRecordBytes;
  }

  public RecordReader(SparkSession spark, RecordSchema schema) {
    this(spark, schema, DEFAULT_MAX_RECORD_BYTES);
  }

  /** Reads and validates; the result is cached and counted once. Missing or empty input is a usage error. */
  public ValidatedRecords read(String location, InputFormat format) {
    return readIfAny(location, format)
        .orElseThrow(() -> InvalidRequestException.of("input has no records: " + location));
  }

  /**
   * Reads and validates, as {@link #read}, but an input of blank lines only is nothing to read rather than a
   * usage error: the hourly ingest meets such hours.
   */
  public Optional<ValidatedRecords> readIfAny(String location, InputFormat format) {
    InputFormat resolved = format.resolve(spark, location);
    splitEvenly(spark, location);
    ValidatedRecords records = new ValidatedRecords(spark, schema, () -> check(location, resolved, RawText.ALL),
        check(location, resolved, RawText.REJECTED_ONLY));
    if (records.counts().read() == 0) {
      records.close();
      return Optional.empty();
    }
    return Optional.of(records);
  }

  /**
   * Spark cuts input files into splits of at most 128 MiB and asks for at least one split per core, so 5
   * files of 113 MiB are read as 5 splits, and on 2 cores every pass over them (tokenising, IDF, each
   * L-BFGS iteration, classifying) runs its fifth task alone. This asks for as many splits per core as the input
   * needs waves of 128 MiB splits: 6 even splits of 98.5 MiB there. An input within one wave is cut as
   * before. Sets the session's spark.sql.files.minPartitionNum, unless {@code --conf} gave it.
   */
  static void splitEvenly(SparkSession spark, String location) {
    if (spark.sparkContext().getConf().contains(MIN_SPLITS)) {
      return;
    }
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(path);
      long bytes = 0;
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        bytes += fs.getContentSummary(match.getPath()).getLength();
      }
      int cores = spark.sparkContext().defaultParallelism();
      long waveBytes = cores * spark.sessionState().conf().filesMaxPartitionBytes();
      long waves = Math.max(1, (bytes + waveBytes - 1) / waveBytes);
      spark.conf().set(MIN_SPLITS, waves * cores);
    } catch (IOException e) {
      // Unreadable here means unreadable for the job too, which reports it; Spark's default splits meanwhile.
    }
  }

  /** Which records keep their raw text: the rejected ones (for the quarantine), or all (to settle duplicates). */
  public enum RawText { REJECTED_ONLY, ALL }

  /** The lines of the input with their verdict. */
  Dataset<Row> check(String location, InputFormat format, RawText rawText) {
    RecordValidator.Numbers numbers = format == InputFormat.CSV || format == InputFormat.MOVIELENS
        ? RecordValidator.Numbers.ALSO_AS_TEXT : RecordValidator.Numbers.TYPED;
    return check(lines(location, format), schema, numbers, maxRecordBytes, rawText);
  }

  /**
   * Checks lines given as (text, source, valid UTF-8, size in bytes), batch or streaming alike: columns of
   * {@link RecordSchema#checkedType()}; a blank line comes back with reason {@link Rejection#BLANK}.
   */
  public static Dataset<Row> check(Dataset<Row> lines, RecordSchema schema, RecordValidator.Numbers numbers,
                                   int maxRecordBytes, RawText rawText) {
    CheckLines checkAll = new CheckLines(new RecordValidator(schema, numbers),
        schema.fields().size(), maxRecordBytes, rawText);
    return lines.map(checkAll, Encoders.row(schema.checkedType()));
  }

  /** (text, source, valid UTF-8, size in bytes) of text lines in a column {@code value}. */
  public static Dataset<Row> textLines(Dataset<Row> text, Column source) {
    return text.select(
        functions.make_valid_utf8(col("value")).as("raw"),
        source.as("source"),
        functions.is_valid_utf8(col("value")).as("utf8"),
        octet_length(col("value")).as("bytes"));
  }

  /** Turns a (text, source, valid UTF-8, bytes) row into a checked row; one validator per task. */
  private record CheckLines(RecordValidator validator, int fieldCount, int limit, RawText rawText)
      implements MapFunction<Row, Row> {

    @Override
    public Row call(Row line) {
      String raw = line.getString(0);
      Object[] out = new Object[fieldCount + 4];
      out[fieldCount + 3] = line.getString(1);
      if (!line.getBoolean(2)) {
        reject(out, Rejection.INVALID_UTF8, "bytes that are not UTF-8 (replaced by U+FFFD here)", raw);
      } else if (line.getInt(3) > limit) {
        reject(out, Rejection.TOO_LARGE, line.getInt(3) + " bytes, the limit is " + limit
            + " (only the first " + KEPT_PREFIX_CHARS + " characters are kept here)",
            raw.substring(0, Math.min(raw.length(), KEPT_PREFIX_CHARS)));
      } else {
        RecordValidator.Verdict verdict = validator.check(raw);
        if (verdict.accepted()) {
          System.arraycopy(verdict.values(), 0, out, 0, fieldCount);
          out[fieldCount + 2] = rawText == RawText.ALL ? raw : null;
        } else {
          reject(out, verdict.reason(), verdict.detail(), raw);
        }
      }
      return RowFactory.create(out);
    }

    private void reject(Object[] out, String reason, String detail, String raw) {
      out[fieldCount] = reason;
      out[fieldCount + 1] = detail;
      out[fieldCount + 2] = raw;
    }
  }

  /** (text, source file, valid UTF-8, size in bytes) for every record of the input. */
  private Dataset<Row> lines(String location, InputFormat format) {
    Column source = col("_metadata.file_path");
    return switch (format) {
      case JSON, AUTO -> textLines(spark.read().format("text").load(location), source);
      case PARQUET -> asJson(spark.read().parquet(location), source);
      case CSV -> asJson(spark.read()
          .option("header", "true")
          .option("multiLine", "true")
          .option("escape", "\"")
          .option("mode", "PERMISSIVE")
          .csv(location), source);
      case MOVIELENS -> movieLens(location, source);
    };
  }

  /**
   * Tab-separated user, item, rating, timestamp as text; a numeric timestamp becomes a JSON number (epoch
   * seconds), anything else stays text so that the validator rejects it with its reason.
   */
  private Dataset<Row> movieLens(String location, Column source) {
    Dataset<Row> table = spark.read()
        .schema("user_id STRING, course_id STRING, rating STRING, timestamp STRING")
        .option("sep", "\t")
        .option("header", "false")
        .option("quote", "")
        .option("mode", "PERMISSIVE")
        .csv(location);
    Column epoch = col("timestamp").try_cast("bigint");
    Column[] ids = {col("user_id"), col("course_id"), col("rating")};
    Column json = functions.when(epoch.isNotNull(), to_json(struct(ids[0], ids[1], ids[2], epoch.as("timestamp"))))
        .otherwise(to_json(struct(ids[0], ids[1], ids[2], col("timestamp"))));
    return table.select(json.as("raw"), source.as("source"), lit(true).as("utf8"), octet_length(json).as("bytes"));
  }

  private static Dataset<Row> asJson(Dataset<Row> table, Column source) {
    List<Column> columns = new ArrayList<>();
    for (String name : table.columns()) {
      columns.add(col("`" + name.replace("`", "``") + "`"));
    }
    Column json = to_json(struct(columns.toArray(Column[]::new)));
    return table.select(json.as("raw"), source.as("source"), lit(true).as("utf8"),
        octet_length(json).as("bytes"));
  }
}
