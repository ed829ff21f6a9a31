package io.inlearning.spark.courses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.ReportImages;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.text.TextFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourseJobsTest {
  private static final int COURSES = 5_000;
  private final SparkSession spark = TestSpark.session();

  @TempDir
  static Path dir;

  private Path catalogue;
  private ProcessCourses.Result processed;

  @BeforeAll
  void processAGeneratedCatalogue() {
    catalogue = dir.resolve("catalogue");
    GenerateCourses.run(spark, new CourseGenerator.Options(COURSES, 11, 8, 0.1, 0.03), OutputFolder.refusingExisting(catalogue.toString()));
    processed = ProcessCourses.run(spark, new ProcessCourses.Request(CourseInput.of(catalogue.toString()), OutputFolder.refusingExisting(dir.resolve("processed").toString()), ClassifierRequest.DEFAULTS));
  }

  @Test
  void thePipelineLearnsFarAboveChance() {
    // 8 categories of uneven size: always answering the biggest one scores about 0.2.
    assertTrue(processed.trained().evaluation().orElseThrow().accuracy() > 0.85, "accuracy " + processed.trained().evaluation().orElseThrow().accuracy());
    assertTrue(processed.trained().evaluation().orElseThrow().macroF1() > 0.85, "macro F1 " + processed.trained().evaluation().orElseThrow().macroF1());
    assertEquals(8, processed.trained().categories().size());
  }

  @Test
  void theDefaultsChoseTheShortRecipeForThisCatalogueAndSaySo() throws IOException {
    assertEquals(ClassifierRequest.TextRecipe.SHORT, processed.trained().plan().features().recipe());
    JsonNode metrics = Json.mapper().readTree(dir.resolve("processed/metrics.json").toFile());
    assertEquals("auto", metrics.get("settings").get("text").asText());
    assertEquals("recipe default", metrics.get("settings").get("reg_param").asText());
    assertEquals("short", metrics.get("training").get("text_recipe").asText());
    long train = metrics.get("training").get("train").asLong();
    assertEquals(1.0 / (100 * train), metrics.get("training").get("reg_param").asDouble(), 1e-15);
  }

  @Test
  void metricsJsonHoldsTheContractFieldsAndCountsThatAddUp() throws IOException {
    JsonNode metrics = Json.mapper().readTree(dir.resolve("processed/metrics.json").toFile());
    assertEquals(List.of("job", "input", "output", "spark", "settings", "training", "accuracy", "macro_f1",
        "weighted_f1", "per_class", "confusion_matrix", "evaluated_courses", "baseline", "predictions", "records",
        "timings_seconds", "cpu_seconds", "courses_per_second"), fieldNames(metrics));
    String written = Files.readString(dir.resolve("processed/metrics.json"));
    assertEquals(written, Json.pretty(processed.metrics()));
    CourseMetrics readBack = Json.read(dir.resolve("processed/metrics.json"), CourseMetrics.class);
    assertEquals(written, Json.pretty(readBack), "metrics.json reads back into CourseMetrics whole");
    assertEquals(processed.trained().evaluation().orElseThrow().accuracy(), readBack.evaluation().accuracy());
    JsonNode records = metrics.get("records");
    assertEquals(COURSES, records.get("read").asLong());
    assertEquals(records.get("read").asLong(), records.get("accepted").asLong() + records.get("rejected").asLong());
    for (String field : List.of("accuracy", "macro_f1", "per_class", "confusion_matrix", "timings_seconds",
        "courses_per_second")) {
      assertNotNull(metrics.get(field), field);
    }
    JsonNode matrix = metrics.get("confusion_matrix").get("matrix");
    long evaluated = 0;
    long diagonal = 0;
    for (int i = 0; i < matrix.size(); i++) {
      for (JsonNode cell : matrix.get(i)) {
        evaluated += cell.asLong();
      }
      diagonal += matrix.get(i).get(i).asLong();
    }
    JsonNode training = metrics.get("training");
    assertEquals(training.get("test").asLong(), evaluated);
    assertEquals(metrics.get("evaluated_courses").asLong(), evaluated);
    assertEquals(training.get("categorised").asLong(), training.get("train").asLong() + evaluated);
    assertEquals(Math.round(10_000.0 * diagonal / evaluated) / 10_000.0, metrics.get("accuracy").asDouble());
    assertEquals("programming", metrics.get("baseline").get("category").asText());
    assertFalse(metrics.get("baseline").get("below_baseline").asBoolean());
    assertEquals(8, metrics.get("per_class").size());
    assertTrue(metrics.get("per_class").get("programming").get("f1").asDouble() > 0.5);
  }

  @Test
  void theOutputHoldsTheJobsPartsAndNothingItUsedOnTheWay() throws IOException {
    try (var entries = Files.list(dir.resolve("processed"))) {
      assertEquals(Set.of("_rejected", "metrics.json", "model", "predictions", "report.html"), entries
          .map(entry -> entry.getFileName().toString()).filter(name -> !name.endsWith(".crc"))
          .collect(Collectors.toSet()));
    }
    try (var siblings = Files.list(dir)) {
      assertTrue(siblings.noneMatch(entry -> entry.getFileName().toString().startsWith(".processed")),
          "the staging folder is gone");
    }
  }

  @Test
  void reportHtmlShowsTheEvaluationChartsBesideMetricsJson() throws IOException {
    String html = Files.readString(dir.resolve("processed/report.html"));
    for (String part : List.of("Class distribution", "Precision, recall and F1 per category", "Confusion matrix",
        "Predicted categories", "Data quality", "Seconds per phase", "programming")) {
      assertTrue(html.contains(part), part);
    }
    List<byte[]> charts = ReportImages.in(html);
    assertEquals(5, charts.size(), "distribution, scores per class, heat map, predicted, phases");
    for (byte[] png : charts) {
      ReportImages.assertDrawn(png);
    }
  }

  @Test
  void everyAcceptedCourseGetsOnePredictionWithItsProbability() {
    List<Row> predictions = spark.read().parquet(dir.resolve("processed/predictions/parquet").toString()).collectAsList();
    assertEquals(COURSES, predictions.size());
    assertEquals(COURSES, predictions.stream().map(row -> row.<String>getAs("course_id")).distinct().count());
    assertTrue(predictions.stream().allMatch(row -> {
      double p = row.getAs("probability");
      return p > 1.0 / 8 && p <= 1.0 && processed.trained().categories().contains(row.<String>getAs("predicted_category"));
    }));
    assertEquals(COURSES, spark.read().json(dir.resolve("processed/predictions/json").toString()).count());
  }

  @Test
  void theSavedModelReloadsAndPredictsTheSame() {
    ClassifyCourses.Result classified = ClassifyCourses.run(spark, new ClassifyCourses.Request(CourseInput.of(catalogue.toString()), dir.resolve("processed/model").toString(), OutputFolder.refusingExisting(dir.resolve("classified").toString())));
    assertEquals(COURSES, classified.predicted());
    Map<String, String> before = predictionsOf(dir.resolve("processed/predictions/parquet"));
    Map<String, String> after = predictionsOf(dir.resolve("classified/predictions/parquet"));
    assertEquals(before, after);
  }

  @Test
  void garbageLinesAreRejectedExactlyAndTheRestIsUnchanged() throws IOException {
    Path dirty = Files.createDirectories(dir.resolve("dirty"));
    try (var parts = Files.list(catalogue)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        List<String> lines = new ArrayList<>(Files.readAllLines(part));
        lines.add(1, "not json at all");
        lines.add(5, "{\"course_id\":\"crs-000000001\",\"content\":\"a duplicate of an existing course\",\"timestamp\":\"2020-01-01T00:00:00Z\"}");
        lines.add(9, "{\"course_id\":\"garbage-range\",\"content\":\"x\",\"difficulty_score\":99}");
        Files.write(dirty.resolve(part.getFileName()), lines);
      }
    }
    long garbage = 3L * Files.list(dirty).count();
    // The long recipe, the faster to train: this test is about the records, not the model.
    ProcessCourses.Result result = ProcessCourses.run(spark, new ProcessCourses.Request(CourseInput.of(dirty.toString()), OutputFolder.refusingExisting(dir.resolve("dirty-out").toString()), ClassifierRequest.defaults(ClassifierRequest.TextRecipe.LONG)));
    assertEquals(COURSES, result.counts().accepted());
    assertEquals(garbage, result.counts().rejected());
    assertEquals(garbage, spark.read().json(dir.resolve("dirty-out/_rejected").toString()).count());
  }

  @Test
  void aClearlySeparableSetIsClassifiedExactly() {
    List<String> lines = new ArrayList<>();
    Map<String, String> words = Map.of("cooking", "recipe oven flour baking dough", "astronomy",
        "telescope planet galaxy orbit comet", "sailing", "boat wind sail harbour knot");
    int id = 0;
    for (var entry : words.entrySet()) {
      for (int i = 0; i < 12; i++) {
        lines.add(String.format("{\"course_id\":\"t%d\",\"title\":\"Course %d\",\"content\":\"%s lesson %d\",\"category\":\"%s\"}",
            id++, i, entry.getValue(), i, entry.getKey()));
      }
    }
    lines.add("{\"course_id\":\"q1\",\"content\":\"A new comet and a planet\"}");
    lines.add("{\"course_id\":\"q2\",\"content\":\"Bread dough in the oven\"}");
    lines.add("{\"course_id\":\"q3\",\"content\":\"Tie a knot before the wind\"}");
    Path input = TestSpark.writeLines(dir.resolve("tiny/courses.jsonl"), lines);
    ClassifierRequest settings = new ClassifierRequest(
        new ClassifierRequest.Features(ClassifierRequest.TextRecipe.LONG, ClassifierRequest.Vectorizer.COUNT,
            Optional.of(1000), EnumSet.noneOf(TextFeatures.Extra.class), Optional.of(1)),
        new ClassifierRequest.Model(ClassifierRequest.Algorithm.LR, Optional.of(1e-3), 0, Optional.of(100),
            ClassifierRequest.ClassWeights.EQUAL, ClassifierRequest.Tuning.OFF),
        new ClassifierRequest.HeldOut(0, 1));
    ProcessCourses.run(spark, new ProcessCourses.Request(CourseInput.of(input.toString()), OutputFolder.refusingExisting(dir.resolve("tiny-out").toString()), settings));
    Map<String, String> predicted = predictionsOf(dir.resolve("tiny-out/predictions/parquet"));
    assertEquals("astronomy", predicted.get("q1"));
    assertEquals("cooking", predicted.get("q2"));
    assertEquals("sailing", predicted.get("q3"));
    for (int i = 0; i < id; i++) {
      assertNotNull(predicted.get("t" + i));
    }
  }

  /** Titles only, as real catalogues often are: the words differ, their parts are shared ("photo..."). */
  private Path titles() {
    List<String> lines = new ArrayList<>();
    String[][] subjects = {
        {"design", "Photoshop Essentials", "Photography Basics", "Photo Retouching", "Illustrator Logos",
            "Typography Design", "Graphic Design Layouts"},
        {"finance", "Investing for Beginners", "Investment Portfolios", "Stock Trading", "Trading Options",
            "Accounting Basics", "Financial Accounting"},
        {"music", "Guitar Chords", "Guitarist Solos", "Piano Scales", "Pianist Technique", "Drum Rhythms",
            "Drumming Grooves"}};
    int id = 0;
    for (String[] subject : subjects) {
      for (int round = 0; round < 4; round++) {
        for (int i = 1; i < subject.length; i++) {
          String title = subject[i] + " " + (round + 1);
          lines.add(String.format("{\"course_id\":\"c%d\",\"title\":\"%s\",\"content\":\"%s\",\"category\":\"%s\"}",
              id++, title, title, subject[0]));
        }
      }
    }
    lines.add("{\"course_id\":\"q1\",\"title\":\"Photographer\",\"content\":\"Photographer\"}");
    lines.add("{\"course_id\":\"q2\",\"title\":\"Guitars\",\"content\":\"Guitars\"}");
    return TestSpark.writeLines(dir.resolve("titles/courses.jsonl"), lines);
  }

  @Test
  void theShortRecipeWithTheSvmClassifiesTitlesByTheirWordPartsAndGivesMarginsNotProbabilities() throws IOException {
    Path out = dir.resolve("titles-svm");
    assertEquals(0, io.inlearning.spark.cli.Main.execute("courses", "process", "--input", titles().toString(),
        "--output", out.toString(), "--text", "short", "--classifier", "svm", "--max-iter", "5", "--test-fraction",
        "0"));
    List<Row> rows = spark.read().parquet(out.resolve("predictions/parquet").toString())
        .where("course_id IN ('q1', 'q2')").orderBy("course_id").collectAsList();
    assertEquals("design", rows.get(0).getAs("predicted_category"));
    assertEquals("music", rows.get(1).getAs("predicted_category"));
    for (Row row : rows) {
      assertNull(row.getAs("probability"));
      assertTrue((Double) row.getAs("margin") > 0, "margin " + row.getAs("margin"));
    }
    JsonNode settings = Json.mapper().readTree(out.resolve("metrics.json").toFile()).get("settings");
    assertEquals("svm", settings.get("classifier").asText());
    assertEquals("short", settings.get("text").asText());
  }

  @Test
  void tuningScoresEveryCandidateOnTheTrainingShareAndKeepsTheBest() throws IOException {
    Path out = dir.resolve("titles-tuned");
    assertEquals(0, io.inlearning.spark.cli.Main.execute("courses", "process", "--input", titles().toString(),
        "--output", out.toString(), "--text", "short", "--tune", "--max-iter", "5"));
    JsonNode tuning = Json.mapper().readTree(out.resolve("metrics.json").toFile()).get("tuning");
    assertEquals(6, tuning.get("candidates").size(), tuning.toString());
    double best = 0;
    for (JsonNode candidate : tuning.get("candidates")) {
      best = Math.max(best, candidate.get("cv_accuracy").asDouble());
    }
    assertEquals(best, tuning.get("chosen").get("cv_accuracy").asDouble());
    assertEquals(2, io.inlearning.spark.cli.Main.execute("courses", "process", "--input", titles().toString(),
        "--output", dir.resolve("titles-both").toString(), "--tune", "--reg-param", "0.1"));
  }

  @Test
  void oneCategoryIsAUsageErrorAndLeavesNoOutput() {
    Path input = TestSpark.writeLines(dir.resolve("single/courses.json"), List.of(
        "{\"course_id\":\"a\",\"content\":\"piano\",\"category\":\"music\"}",
        "{\"course_id\":\"b\",\"content\":\"guitar\",\"category\":\"music\"}",
        "{\"course_id\":\"c\",\"content\":\"unknown\"}"));
    InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> ProcessCourses.run(spark,
        new ProcessCourses.Request(CourseInput.of(input.toString()), OutputFolder.refusingExisting(dir.resolve("single-out").toString()), ClassifierRequest.DEFAULTS)));
    assertTrue(error.getMessage().contains("at least 2 categories, found 1 (music)"), error.getMessage());
    assertFalse(Files.exists(dir.resolve("single-out")));
  }

  @Test
  void aFolderThatIsNotAModelIsAUsageError() throws IOException {
    Path notAModel = Files.createDirectories(dir.resolve("not-a-model"));
    Files.writeString(notAModel.resolve("readme.txt"), "hello");
    InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> ClassifyCourses.run(spark,
        new ClassifyCourses.Request(CourseInput.of(catalogue.toString()), notAModel.toString(), OutputFolder.refusingExisting(dir.resolve("never").toString()))));
    assertTrue(error.getMessage().startsWith("not a course model"));
    assertFalse(Files.exists(dir.resolve("never")));
  }

  private Map<String, String> predictionsOf(Path parquet) {
    return spark.read().parquet(parquet.toString()).collectAsList().stream()
        .collect(Collectors.toMap(row -> row.getAs("course_id"), row -> row.getAs("predicted_category")));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
