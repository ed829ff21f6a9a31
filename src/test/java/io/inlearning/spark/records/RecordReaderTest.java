package io.inlearning.spark.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.errors.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReaderTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  private ValidatedRecords read(Path input) {
    return new RecordReader(spark, CourseSchema.BATCH, 2048).read(input.toString(), InputFormat.AUTO);
  }

  @Test
  void everyKindOfBadRecordIsRejectedWithItsReasonAndCounted() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (String line : List.of(
        "{\"course_id\":\"ok-1\",\"content\":\"python code\",\"category\":\"programming\"}",
        "{\"course_id\":2,\"content\":\"piano\",\"difficulty_score\":3}",
        "",
        "{\"course_id\":\"bad-json\",",
        "{\"course_id\":\"no-content\"}",
        "{\"course_id\":\"empty\",\"content\":\"\"}",
        "{\"course_id\":\"type\",\"content\":[\"a\"]}",
        "{\"course_id\":\"time\",\"content\":\"x\",\"timestamp\":\"31/02/2026\"}",
        "{\"course_id\":\"range\",\"content\":\"x\",\"difficulty_score\":10.5}",
        "{\"course_id\":\"nan\",\"content\":\"x\",\"difficulty_score\":NaN}",
        "{\"course_id\":\"big\",\"content\":\"" + "x".repeat(5000) + "\"}")) {
      file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    // Invalid UTF-8: a lone continuation byte inside the content.
    file.write("{\"course_id\":\"utf\",\"content\":\"caf".getBytes(StandardCharsets.UTF_8));
    file.write(new byte[] {(byte) 0x80, (byte) 0xFF});
    file.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    Path input = TestSpark.writeBytes(dir.resolve("in/courses.json"), file.toByteArray());

    try (ValidatedRecords records = read(input)) {
      RecordCounts counts = records.counts();
      assertEquals(11, counts.read());
      assertEquals(2, counts.accepted());
      assertEquals(9, counts.rejected());
      assertEquals(1, counts.blankLines());
      assertEquals(Map.of("malformed_json", 1L, "missing_field", 1L, "empty_field", 1L, "wrong_type", 1L,
          "invalid_timestamp", 1L, "out_of_range", 2L, "record_too_large", 1L, "invalid_utf8", 1L),
          counts.rejectedByReason());
      assertEquals(List.of("2", "ok-1"), records.accepted().select("course_id").orderBy("course_id")
          .collectAsList().stream().map(row -> row.getString(0)).toList());

      Path quarantine = dir.resolve("rejected");
      records.writeRejected(quarantine.toString());
      List<Row> rejected = spark.read().json(quarantine.toString()).collectAsList();
      assertEquals(9, rejected.size());
      Map<String, String> rawByReason = rejected.stream().filter(row -> !row.getAs("reason").equals("out_of_range"))
          .collect(Collectors.toMap(row -> row.getAs("reason"), row -> row.getAs("raw")));
      assertEquals("{\"course_id\":\"bad-json\",", rawByReason.get("malformed_json"));
      assertTrue(rawByReason.get("invalid_utf8").startsWith("{\"course_id\":\"utf\",\"content\":\"caf\uFFFD"));
      assertEquals(RecordReader.KEPT_PREFIX_CHARS, rawByReason.get("record_too_large").length());
      assertTrue(rejected.stream().allMatch(row -> ((String) row.getAs("source")).endsWith("courses.json")));
    }
  }

  @Test
  void duplicateIdsKeepTheNewestRecordAndRejectTheRest() {
    Path input = TestSpark.writeLines(dir.resolve("dups/a.json"), List.of(
        "{\"course_id\":\"d\",\"content\":\"old\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
        "{\"course_id\":\"d\",\"content\":\"newest\",\"timestamp\":\"2026-03-01T00:00:00Z\"}",
        "{\"course_id\":\"d\",\"content\":\"no time\"}",
        "{\"course_id\":\"u\",\"content\":\"unique\"}"));
    TestSpark.writeLines(dir.resolve("dups/b.json"), List.of(
        "{\"course_id\":\"d\",\"content\":\"middle\",\"timestamp\":\"2026-02-01T00:00:00Z\"}"));
    try (ValidatedRecords records = read(input.getParent())) {
      assertEquals(5, records.counts().read());
      assertEquals(2, records.counts().accepted());
      assertEquals(Map.of("duplicate_id", 3L), records.counts().rejectedByReason());
      assertEquals(List.of("newest", "unique"), records.accepted().orderBy("course_id").collectAsList().stream()
          .map(row -> row.<String>getAs("content")).toList());
      List<Row> losers = records.rejected().collectAsList();
      assertEquals(3, losers.size());
      assertTrue(losers.stream().allMatch(row -> row.getString(0).contains("\"course_id\":\"d\"")));
    }
  }

  @Test
  void readsCsvAndParquetThroughTheSameRules() {
    Path csv = TestSpark.writeLines(dir.resolve("csv/courses.csv"), List.of(
        "course_id,title,content,category,difficulty_score",
        "c1,Intro,\"multi",
        "line content\",design,4.5",
        "c2,Intro,piano,music,eleven",
        "c3,,,music,1"));
    try (ValidatedRecords records = read(csv)) {
      assertEquals(3, records.counts().read());
      assertEquals(Map.of("wrong_type", 1L, "missing_field", 1L), records.counts().rejectedByReason());
      Row accepted = records.accepted().collectAsList().get(0);
      assertEquals("multi\nline content", accepted.getAs("content"));
      assertEquals(4.5, accepted.<Double>getAs("difficulty_score"));

      Path parquet = dir.resolve("parquet");
      records.accepted().write().parquet(parquet.toString());
      try (ValidatedRecords again = read(parquet)) {
        assertEquals(1, again.counts().accepted());
        assertEquals(0, again.counts().rejected());
      }
    }
  }

  @Test
  void missingOrEmptyInputIsAUsageError() {
    InvalidRequestException missing = assertThrows(InvalidRequestException.class, () -> read(dir.resolve("nowhere")));
    assertTrue(missing.getMessage().startsWith("input not found"));
    Path blank = TestSpark.writeLines(dir.resolve("blank/empty.json"), List.of("", "  "));
    InvalidRequestException empty = assertThrows(InvalidRequestException.class, () -> read(blank));
    assertTrue(empty.getMessage().startsWith("input has no records"));
  }

  /** 5 MB in 5 files, splits of at most 1.2 MB, 2 cores: 3 splits per core, of 833 kB, instead of 5 of 1 MB. */
  @Test
  void inputIsCutIntoAMultipleOfTheCores() {
    String line = "{\"course_id\":\"c\",\"content\":\"" + "x".repeat(80) + "\"}";
    List<String> lines = Collections.nCopies(1_000_000 / (line.length() + 1), line);
    for (int file = 0; file < 5; file++) {
      TestSpark.writeLines(dir.resolve("big/part-" + file + ".json"), lines);
    }
    TestSpark.writeLines(dir.resolve("small/part-0.json"), lines.subList(0, 100));
    spark.conf().set("spark.sql.files.maxPartitionBytes", 1_200_000L);
    spark.conf().set("spark.sql.files.openCostInBytes", 0L);  // else the 4 MB cost of a file sets the split size
    try {
      RecordReader.splitEvenly(spark, dir.resolve("small").toString());
      assertEquals("2", spark.conf().get(RecordReader.MIN_SPLITS));
      RecordReader.splitEvenly(spark, dir.resolve("big").toString());
      assertEquals("6", spark.conf().get(RecordReader.MIN_SPLITS));
      assertTrue(spark.read().text(dir.resolve("big").toString()).rdd().getNumPartitions() >= 6);
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
      spark.conf().unset("spark.sql.files.openCostInBytes");
      spark.conf().unset(RecordReader.MIN_SPLITS);
    }
  }
}
