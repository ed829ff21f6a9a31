package io.inlearning.spark.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.ReportImages;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendJobTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  static Path dir;

  private Path planted;
  private Recommend.Result result;

  @BeforeAll
  void recommendOnPlantedImplicitData() {
    planted = dir.resolve("planted");
    GenerateInteractions.run(spark, new InteractionGenerator.Options(800, 200, 16_000, 5, Feedback.IMPLICIT, InteractionGenerator.Format.JSON), OutputFolder.refusingExisting(planted.toString()));
    result = Recommend.run(spark, RecommendRequest.of(planted.toString(), dir.resolve("planted-out").toString(),
        Feedback.IMPLICIT));
  }

  /** EASE at a given λ, nothing to choose. */
  private static RecommendRequest.ModelRequest ease(double lambda) {
    RecommendRequest.ModelRequest ease = RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT, AlgorithmChoice.EASE);
    return new RecommendRequest.ModelRequest(ease.feedback(), ease.algorithm(), ease.top(), ease.als(),
        Optional.of(lambda));
  }

  private static JsonNode metrics(Path output) throws IOException {
    return Json.mapper().readTree(output.resolve("metrics.json").toFile());
  }

  /** metrics.json is the job's result record, in the contract's order, and reads back into it whole. */
  @Test
  void metricsJsonIsTheResultRecordAndReadsBackWhole() throws IOException {
    Path file = dir.resolve("planted-out/metrics.json");
    String written = Files.readString(file);
    assertEquals(written, Json.pretty(result.metrics()));
    assertEquals(written, Json.pretty(Json.read(file, RecommendMetrics.class)));
    List<String> fields = new ArrayList<>();
    metrics(dir.resolve("planted-out")).fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("job", "input", "output", "spark", "model_selection", "settings", "records",
        "duplicates_aggregated", "interactions", "users", "courses", "k", "precision_at_k", "recall_at_k", "ndcg_at_k",
        "map_at_k", "baseline", "beats_baseline", "evaluation", "recommendations", "similar_courses",
        "score_distribution", "timings_seconds", "interactions_per_second"), fields);
  }

  /**
   * metrics.json says which LAPACK the driver ran: native where the machine has liblapack.so.3 (scripts/test-deps.sh
   * installs OpenBLAS's), which netlib loads by itself, else netlib's Java build.
   */
  @Test
  void metricsJsonSaysWhichLapackTheDriverRan() throws Exception {
    Process ldconfig = new ProcessBuilder("sh", "-c", "ldconfig -p | grep -q 'liblapack\\.so\\.3 '").start();
    boolean systemHasOne = ldconfig.waitFor() == 0;
    JsonNode algebra = metrics(dir.resolve("planted-out")).path("spark").path("driver_linear_algebra");
    assertEquals(systemHasOne ? "native" : "java", algebra.path("lapack").asText(), algebra.toString());
    assertEquals(systemHasOne, algebra.path("lapack_implementation").asText().startsWith("JNI"), algebra.toString());
  }

  /** user_id -> recommended course_ids, best first, from the JSON lines output. */
  private Map<String, List<String>> recommendations(Path output) {
    Map<String, List<String>> byUser = new HashMap<>();
    for (Row row : spark.read().json(output.resolve("recommendations/json").toString()).collectAsList()) {
      List<Row> items = row.getList(row.fieldIndex("recommendations"));
      byUser.put(row.getString(row.fieldIndex("user_id")),
          items.stream().map(item -> item.getString(item.fieldIndex("course_id"))).toList());
    }
    return byUser;
  }

  /** user_id -> course_ids in the input. */
  private Map<String, Set<String>> seen(Path input, InputFormat format, boolean implicit) {
    Map<String, Set<String>> byUser = new HashMap<>();
    try (var records = new RecordReader(spark, InteractionSchema.of(implicit ? Feedback.IMPLICIT : Feedback.EXPLICIT)).read(input.toString(), format)) {
      for (Row row : records.accepted().select("user_id", "course_id").collectAsList()) {
        byUser.computeIfAbsent(row.getString(0), u -> new HashSet<>()).add(row.getString(1));
      }
    }
    return byUser;
  }

  @Test
  void implicitAlsBeatsMostPopularOnPlantedData() throws IOException {
    JsonNode metrics = metrics(dir.resolve("planted-out"));
    double ndcg = metrics.get("ndcg_at_k").asDouble();
    double baseline = metrics.get("baseline").get("ndcg_at_k").asDouble();
    assertEquals("most_popular", metrics.get("baseline").get("name").asText());
    assertTrue(ndcg > 1.3 * baseline, "NDCG@10 " + ndcg + " vs most popular " + baseline);
    assertTrue(metrics.get("beats_baseline").asBoolean());
    assertTrue(metrics.get("precision_at_k").asDouble() > metrics.get("baseline").get("precision_at_k").asDouble());
    for (String field : List.of("recall_at_k", "map_at_k", "k", "users", "courses", "duplicates_aggregated",
        "timings_seconds", "interactions_per_second", "evaluation")) {
      assertNotNull(metrics.get(field), field);
    }
    assertNull(metrics.get("rmse"), "no RMSE for implicit feedback");
    JsonNode records = metrics.get("records");
    assertEquals(16_000, records.get("read").asLong());
    assertEquals(records.get("read").asLong(), records.get("accepted").asLong() + records.get("rejected").asLong());
    assertEquals(16_000 - metrics.get("interactions").asLong(), metrics.get("duplicates_aggregated").asLong());
    for (String phase : List.of("read+validate", "index ids", "split", "select model", "train", "evaluate",
        "train final", "recommend", "similar courses", "write")) {
      assertTrue(metrics.get("timings_seconds").has(phase), phase);
    }
    Algorithm chosen = Algorithm.valueOf(metrics.get("settings").get("algorithm").asText().toUpperCase(java.util.Locale.ROOT));
    assertEquals(chosen.usesAls(), Files.isDirectory(dir.resolve("planted-out/model/als")));
    assertEquals(chosen.usesEase(), Files.isDirectory(dir.resolve("planted-out/model/ease")));
    assertTrue(Files.isDirectory(dir.resolve("planted-out/recommendations/parquet")));
    assertFalse(Files.exists(dir.resolve("planted-out/_als-checkpoints")));
  }

  @Test
  void autoPicksTheCandidateWithTheBestValidationNdcgAndSaysWhy() throws IOException {
    JsonNode selection = metrics(dir.resolve("planted-out")).get("model_selection");
    JsonNode best = null;
    Set<String> tried = new HashSet<>();
    for (JsonNode candidate : selection.get("candidates")) {
      tried.add(candidate.get("algorithm").asText());
      if (best == null
          || candidate.get("validation_ndcg_at_k").asDouble() > best.get("validation_ndcg_at_k").asDouble()) {
        best = candidate;
      }
    }
    assertEquals(Set.of("als", "ease", "hybrid"), tried);
    assertEquals(best.get("algorithm").asText(), selection.get("chosen").asText());
    // ALS's regParam was walked from 0.316, and the hybrid mixed the best ALS of the walk.
    JsonNode bestAls = null;
    Set<Double> regParams = new HashSet<>();
    for (JsonNode candidate : selection.get("candidates")) {
      if (candidate.get("algorithm").asText().equals("als")) {
        regParams.add(candidate.get("reg_param").asDouble());
        if (bestAls == null
            || candidate.get("validation_ndcg_at_k").asDouble() > bestAls.get("validation_ndcg_at_k").asDouble()) {
          bestAls = candidate;
        }
      }
    }
    assertTrue(regParams.size() >= 3 && regParams.contains(0.316), regParams.toString());
    for (JsonNode candidate : selection.get("candidates")) {
      if (candidate.get("algorithm").asText().equals("hybrid")) {
        assertEquals(bestAls.get("reg_param").asDouble(), candidate.get("reg_param").asDouble());
      }
    }
    if (result.used().algorithm().usesAls()) {
      assertEquals(bestAls.get("reg_param").asDouble(), result.used().als().regParam());
    }
    assertEquals(best.get("algorithm").asText(), result.used().algorithm().toString());
    if (best.has("ease_lambda")) {
      assertEquals(best.get("ease_lambda").asDouble(), result.used().easeLambda(), 1e-9);
    }
    assertTrue(selection.get("reason").asText().startsWith("auto: " + best.get("algorithm").asText()),
        selection.get("reason").asText());
    JsonNode validation = selection.get("validation");
    long trainShare = metrics(dir.resolve("planted-out")).get("evaluation").get("split").get("train_interactions")
        .asLong();
    assertEquals(3, validation.get("folds").asInt());
    long heldOut = validation.get("validation_interactions").asLong();
    assertTrue(heldOut > 0.25 * trainShare && heldOut < 0.35 * trainShare,
        "about three tenths of the training share: " + heldOut + " of " + trainShare);
  }

  @Test
  void similarCoursesAreTenPerCourseNeverItself() {
    Set<String> courses = new HashSet<>();
    seen(planted, InputFormat.AUTO, true).values().forEach(courses::addAll);
    List<Row> rows = spark.read().json(dir.resolve("planted-out/similar-courses/json").toString()).collectAsList();
    Set<String> described = new HashSet<>();
    for (Row row : rows) {
      String course = row.getString(row.fieldIndex("course_id"));
      described.add(course);
      List<Row> similar = row.getList(row.fieldIndex("similar"));
      List<String> ids = similar.stream().map(item -> item.getString(item.fieldIndex("course_id"))).toList();
      assertEquals(10, ids.size(), course);
      assertEquals(10, new HashSet<>(ids).size(), "no repeats for " + course);
      assertFalse(ids.contains(course), course + " is not similar to itself");
      assertTrue(courses.containsAll(ids));
      for (int i = 1; i < similar.size(); i++) {
        assertTrue(similar.get(i - 1).getDouble(1) >= similar.get(i).getDouble(1), "best first");
      }
    }
    assertEquals(courses, described);
    assertEquals(rows.size(), spark.read().parquet(dir.resolve("planted-out/similar-courses/parquet").toString())
        .count());
  }

  @Test
  void learnersWithoutHistoryGetTheMostPopularCoursesMarkedAsSuch() throws IOException {
    Path learners = TestSpark.writeLines(dir.resolve("learners/list.json"), List.of(
        "{\"user_id\": \"u-000001\"}", "{\"user_id\": \"newcomer\"}", "{\"user_id\": 424242}",
        "{\"user_id\": \"newcomer\"}", "{\"name\": \"no id\"}"));
    Path output = dir.resolve("learners-out");
    Recommend.run(spark, RecommendRequest.of(planted.toString(), output.toString(), Feedback.IMPLICIT)
        .withModel(ease(50))
        .withColdStart(new RecommendRequest.ColdStart(Optional.of(learners.toString()), Optional.empty(),
            RecommendRequest.DEFAULT_NEW_COURSE_SLOTS)));
    JsonNode metrics = metrics(output);
    assertTrue(metrics.get("ndcg_at_k").asDouble() > 1.3 * metrics.get("baseline").get("ndcg_at_k").asDouble(),
        "EASE against most popular: " + metrics.get("ndcg_at_k") + " " + metrics.get("baseline"));
    assertFalse(metrics.has("model_selection"), "lambda given: nothing to select");

    Map<String, Set<String>> seen = seen(planted, InputFormat.AUTO, true);
    Map<String, Long> popularity = new HashMap<>();
    seen.values().forEach(courses -> courses.forEach(c -> popularity.merge(c, 1L, Long::sum)));
    List<String> mostPopular = popularity.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(10).map(Map.Entry::getKey).toList();

    Map<String, Set<String>> sources = new HashMap<>();
    for (Row row : spark.read().json(output.resolve("recommendations/json").toString()).collectAsList()) {
      List<Row> items = row.getList(row.fieldIndex("recommendations"));
      sources.put(row.getString(row.fieldIndex("user_id")),
          items.stream().map(item -> item.getString(item.fieldIndex("source"))).collect(Collectors.toSet()));
    }
    Map<String, List<String>> recommended = recommendations(output);
    assertEquals(seen.size() + 2, recommended.size(), "every learner with history, and the two newcomers");
    for (String newcomer : List.of("newcomer", "424242")) {
      assertEquals(Set.of("popular"), sources.get(newcomer));
      assertEquals(mostPopular, recommended.get(newcomer));
    }
    assertTrue(seen.containsKey("u-000001"), "a listed learner with history");
    seen.keySet().forEach(learner -> assertEquals(Set.of("model"), sources.get(learner), learner));
    JsonNode written = metrics.get("recommendations");
    assertEquals(2, written.get("most_popular_without_history").asLong());
    assertEquals(seen.size(), written.get("from_model").asLong());
    JsonNode list = metrics.get("learner_list");
    assertEquals(5, list.get("read").asLong());
    assertEquals(1, list.get("rejected").asLong());
    assertEquals(1, list.get("rejected_by_reason").get("missing_field").asLong());
    assertEquals(1, spark.read().json(output.resolve("_rejected_learners").toString()).count());
  }

  @Test
  void coursesNobodyTookAreOfferedByTextToLearnersOfSimilarCourses() throws IOException {
    Path interactions = TestSpark.writeLines(dir.resolve("new-courses/interactions.json"), List.of(
        "{\"user_id\": \"alice\", \"course_id\": \"py-1\"}", "{\"user_id\": \"alice\", \"course_id\": \"py-2\"}",
        "{\"user_id\": \"bob\", \"course_id\": \"cook-1\"}", "{\"user_id\": \"bob\", \"course_id\": \"cook-2\"}",
        "{\"user_id\": \"carol\", \"course_id\": \"py-1\"}", "{\"user_id\": \"carol\", \"course_id\": \"cook-1\"}"));
    Path catalogue = TestSpark.writeLines(dir.resolve("new-courses/courses.json"), List.of(
        "{\"course_id\": \"py-1\", \"title\": \"Python programming basics\", \"content\": \"variables loops\"}",
        "{\"course_id\": \"py-2\", \"title\": \"Advanced Python programming\", \"content\": \"decorators\"}",
        "{\"course_id\": \"cook-1\", \"title\": \"French cooking\", \"content\": \"sauces and pastry\"}",
        "{\"course_id\": \"cook-2\", \"title\": \"Italian cooking\", \"content\": \"pasta sauces\"}",
        "{\"course_id\": \"py-new\", \"title\": \"Python programming for data\", \"content\": \"pandas loops\"}",
        "{\"course_id\": \"cook-new\", \"title\": \"Pastry cooking\", \"content\": \"French pastry sauces\"}",
        "{\"course_id\": \"no-content\", \"title\": \"Nothing\"}"));
    Path output = dir.resolve("new-courses-out");
    Recommend.run(spark, RecommendRequest.of(interactions.toString(), output.toString(), Feedback.IMPLICIT)
        .withModel(ease(10)).withEvaluation(RecommendRequest.EvaluationRequest.SKIPPED)
        .withColdStart(new RecommendRequest.ColdStart(Optional.empty(), Optional.of(catalogue.toString()), 1)));

    Map<String, List<Row>> lists = new HashMap<>();
    for (Row row : spark.read().json(output.resolve("recommendations/json").toString()).collectAsList()) {
      lists.put(row.getString(row.fieldIndex("user_id")), row.getList(row.fieldIndex("recommendations")));
    }
    Map<String, String> offered = new HashMap<>();
    lists.forEach((learner, items) -> {
      Row last = items.get(items.size() - 1);
      assertEquals("content", last.getString(last.fieldIndex("source")), learner + " " + items);
      offered.put(learner, last.getString(last.fieldIndex("course_id")));
      items.subList(0, items.size() - 1).forEach(item -> assertEquals("model", item.getString(item.fieldIndex("source"))));
    });
    assertEquals("py-new", offered.get("alice"));
    assertEquals("cook-new", offered.get("bob"));
    assertEquals(3, lists.get("alice").size(), "the two courses alice did not take, then the new one");

    JsonNode fresh = metrics(output).get("new_courses");
    assertEquals(6, fresh.get("catalogue_courses").asLong());
    assertEquals(2, fresh.get("courses_without_interactions").asLong());
    assertEquals(3, fresh.get("recommendations").asLong());
    assertEquals(1, fresh.get("records").get("rejected").asLong());
    assertEquals(1, spark.read().json(output.resolve("_rejected_courses").toString()).count());
  }

  @Test
  void reportHtmlComparesWithTheBaselineAndShowsTheScores() throws IOException {
    JsonNode distribution = metrics(dir.resolve("planted-out")).get("score_distribution");
    long scored = 0;
    for (JsonNode count : distribution.get("counts")) {
      scored += count.asLong();
    }
    assertEquals(result.metrics().outputs().recommendations().recommendations(), scored);
    assertEquals(distribution.get("counts").size() + 1, distribution.get("edges").size());

    String html = Files.readString(dir.resolve("planted-out/report.html"));
    for (String part : List.of(result.used().algorithm() + " against most popular", "NDCG@k", "Model selection", "Scores of all recommendations",
        "Data quality", "Seconds per phase")) {
      assertTrue(html.contains(part), part);
    }
    List<byte[]> charts = ReportImages.in(html);
    assertEquals(3, charts.size(), "model vs baseline, scores, phases");
    for (byte[] png : charts) {
      ReportImages.assertDrawn(png);
    }
  }

  @Test
  void everyLearnerGetsMinOfTenAndUnseenCoursesNoneOfThemSeen() {
    Map<String, Set<String>> seen = seen(planted, InputFormat.AUTO, true);
    Set<String> courses = new HashSet<>();
    seen.values().forEach(courses::addAll);
    Map<String, List<String>> recommended = recommendations(dir.resolve("planted-out"));
    assertEquals(seen.keySet(), recommended.keySet());
    assertEquals(seen.size(), result.learners());
    for (Map.Entry<String, List<String>> entry : recommended.entrySet()) {
      Set<String> history = seen.get(entry.getKey());
      assertEquals(Math.min(10, courses.size() - history.size()), entry.getValue().size(), entry.getKey());
      assertEquals(entry.getValue().size(), new HashSet<>(entry.getValue()).size(), "no repeats");
      for (String course : entry.getValue()) {
        assertFalse(history.contains(course), entry.getKey() + " already had " + course);
      }
    }
    List<Row> parquet = spark.read().parquet(dir.resolve("planted-out/recommendations/parquet").toString())
        .collectAsList();
    assertEquals(recommended.size(), parquet.size());
    for (Row row : parquet) {
      List<Row> items = row.getList(row.fieldIndex("recommendations"));
      items.forEach(item -> assertEquals("model", item.getString(item.fieldIndex("source"))));
      for (int i = 1; i < items.size(); i++) {
        assertTrue(items.get(i - 1).getDouble(1) >= items.get(i).getDouble(1), "best first");
      }
    }
  }

  @Test
  void oddIdsComeBackExactly() throws IOException {
    Path input = TestSpark.writeLines(dir.resolve("odd/interactions.json"), List.of(
        "{\"user_id\": \"ü-42\", \"course_id\": \"cours d'été\", \"rating\": 2}",
        "{\"user_id\": \"ü-42\", \"course_id\": 12345678901234567890, \"rating\": 1}",
        "{\"user_id\": 12345678901234567890, \"course_id\": \"  spaced id  \", \"rating\": 3}",
        "{\"user_id\": 12345678901234567890, \"course_id\": \"cours d'été\"}",
        "{\"user_id\": \"learner with spaces\", \"course_id\": \"日本語\", \"rating\": 1}",
        "{\"user_id\": \"learner with spaces\", \"course_id\": 12345678901234567890, \"rating\": 1}",
        "{\"user_id\": \"7\", \"course_id\": \"日本語\", \"rating\": 5}"));
    Path output = dir.resolve("odd-out");
    Map<String, String> settingsBefore = CollectionConverters.asJava(spark.conf().getAll());
    Option<String> checkpointsBefore = spark.sparkContext().getCheckpointDir();
    Recommend.run(spark, RecommendRequest.of(input.toString(), output.toString(), Feedback.IMPLICIT)
        .withEvaluation(RecommendRequest.EvaluationRequest.SKIPPED));
    assertEquals(settingsBefore, CollectionConverters.asJava(spark.conf().getAll()), "the job leaves the session as it was");
    assertEquals(checkpointsBefore, spark.sparkContext().getCheckpointDir());
    Map<String, List<String>> recommended = recommendations(output);
    Set<String> courses = Set.of("cours d'été", "12345678901234567890", "  spaced id  ", "日本語");
    assertEquals(Set.of("ü-42", "12345678901234567890", "learner with spaces", "7"), recommended.keySet());
    assertEquals(Set.of("  spaced id  ", "日本語"), Set.copyOf(recommended.get("ü-42")));
    assertEquals(Set.of("12345678901234567890", "日本語"), Set.copyOf(recommended.get("12345678901234567890")));
    assertEquals(Set.of("cours d'été", "  spaced id  "), Set.copyOf(recommended.get("learner with spaces")));
    assertEquals(3, recommended.get("7").size());
    recommended.values().forEach(list -> assertTrue(courses.containsAll(list), list.toString()));
    List<Row> mapping = spark.read().parquet(output.resolve("model/users").toString()).orderBy("user").collectAsList();
    assertEquals(4, mapping.size());
    assertEquals("12345678901234567890", mapping.get(0).getString(0));
    assertEquals("not asked for", metrics(output).get("evaluation").get("skipped").asText());
  }

  @Test
  void badRecordsAreCountedExactlyAndDuplicatesAveraged() throws IOException {
    Path input = TestSpark.writeLines(dir.resolve("bad/interactions.json"), List.of(
        "{\"user_id\": \"a\", \"course_id\": \"x\", \"rating\": 4}",
        "{\"user_id\": \"a\", \"course_id\": \"x\", \"rating\": 2}",
        "{\"user_id\": \"a\", \"course_id\": \"x\", \"rating\": 3}",
        "{\"user_id\": \"a\", \"course_id\": \"y\", \"rating\": 5}",
        "{\"user_id\": \"a\", \"course_id\": \"z\", \"rating\": 1, \"timestamp\": \"2026-01-01T10:00:00Z\"}",
        "{\"user_id\": \"b\", \"course_id\": \"y\", \"rating\": 4.5}",
        "{\"user_id\": \"b\", \"course_id\": \"z\", \"rating\": 2}",
        "{\"user_id\": \"b\", \"course_id\": \"w\", \"rating\": 3}",
        "{\"user_id\": \"solo\", \"course_id\": \"x\", \"rating\": 5}",
        "{\"user_id\": null, \"course_id\": \"x\", \"rating\": 3}",
        "{\"course_id\": \"x\", \"rating\": 3}",
        "{\"user_id\": \"c\", \"course_id\": \"\", \"rating\": 3}",
        "{\"user_id\": \"c\", \"course_id\": \"   \", \"rating\": 3}",
        "{\"user_id\": \"c\", \"course_id\": \"x\", \"rating\": 7}",
        "{\"user_id\": \"c\", \"course_id\": \"x\", \"rating\": 0}",
        "{\"user_id\": \"c\", \"course_id\": \"x\", \"rating\": \"abc\"}",
        "{\"user_id\": \"c\", \"course_id\": \"x\"}",
        "{\"user_id\": \"c\", \"course_id\": \"x\", \"rating\": 3, \"timestamp\": \"yesterday\"}",
        "{\"user_id\": \"c\", \"course_id\": \"x\", \"rating\": 3",
        "",
        "[1, 2]"));
    Path output = dir.resolve("bad-out");
    Recommend.run(spark, RecommendRequest.of(input.toString(), output.toString(), Feedback.EXPLICIT));
    JsonNode metrics = metrics(output);
    JsonNode records = metrics.get("records");
    assertEquals(20, records.get("read").asLong());
    assertEquals(9, records.get("accepted").asLong());
    assertEquals(11, records.get("rejected").asLong());
    Map<String, Long> byReason = new HashMap<>();
    records.get("rejected_by_reason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
    assertEquals(Map.of("missing_field", 3L, "empty_field", 2L, "out_of_range", 2L, "wrong_type", 1L,
        "invalid_timestamp", 1L, "malformed_json", 1L, "not_an_object", 1L), byReason);
    assertEquals(1, records.get("blank_lines_skipped").asLong());
    assertEquals(2, metrics.get("duplicates_aggregated").asLong());
    assertEquals(7, metrics.get("interactions").asLong());
    assertEquals(3, metrics.get("users").asLong());
    assertEquals(4, metrics.get("courses").asLong());
    assertEquals(1, metrics.get("evaluation").get("split").get("single_interaction_learners").asLong());
    assertEquals(11, spark.read().json(output.resolve("_rejected").toString()).count());
    assertTrue(metrics.has("rmse"), "explicit feedback reports RMSE");

    try (var records2 = new RecordReader(spark, InteractionSchema.EXPLICIT).read(input.toString(), InputFormat.AUTO);
         IndexedInteractions data = IndexedInteractions.of(records2.accepted(), 9, Feedback.EXPLICIT)) {
      Row ax = data.ratings.join(data.users, IndexedInteractions.USER).join(data.courses, IndexedInteractions.COURSE)
          .filter("user_id = 'a' AND course_id = 'x'").first();
      assertEquals(3.0, ax.getDouble(ax.fieldIndex(IndexedInteractions.RATING)), 1e-12, "mean of 4, 2, 3");
    }
  }

  @Test
  void implicitStrengthsAreSummedMissingOnesCountOneNegativesRejected() {
    Path input = TestSpark.writeLines(dir.resolve("implicit/interactions.json"), List.of(
        "{\"user_id\": \"a\", \"course_id\": \"x\", \"rating\": 4}",
        "{\"user_id\": \"a\", \"course_id\": \"x\"}",
        "{\"user_id\": \"a\", \"course_id\": \"x\", \"rating\": 0.5}",
        "{\"user_id\": \"a\", \"course_id\": \"y\", \"rating\": 12}",
        "{\"user_id\": \"a\", \"course_id\": \"z\", \"rating\": -1}"));
    try (var records = new RecordReader(spark, InteractionSchema.IMPLICIT).read(input.toString(), InputFormat.AUTO);
         IndexedInteractions data = IndexedInteractions.of(records.accepted(), records.counts().accepted(), Feedback.IMPLICIT)) {
      assertEquals(1, records.counts().rejectedByReason().get("out_of_range"));
      assertEquals(2, data.duplicatesAggregated);
      Map<String, Double> strengths = new HashMap<>();
      data.ratings.join(data.courses, IndexedInteractions.COURSE).collectAsList().forEach(row ->
          strengths.put(row.getString(row.fieldIndex("course_id")), row.getDouble(row.fieldIndex("rating"))));
      assertEquals(Map.of("x", 5.5, "y", 12.0), strengths);
    }
  }

  /**
   * A learner who has taken every course has nothing left: an empty list, counted, not a crash (reading the
   * first entry of the empty list for the counts failed the job). Both algorithms, with and without evaluation.
   */
  @Test
  void aLearnerWhoTookEveryCourseGetsAnEmptyListCounted() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int course = 1; course <= 5; course++) {
      lines.add("{\"user_id\": \"all\", \"course_id\": \"c" + course + "\", \"rating\": 1}");
    }
    lines.add("{\"user_id\": \"few\", \"course_id\": \"c1\", \"rating\": 1}");
    Path input = TestSpark.writeLines(dir.resolve("every-course/interactions.json"), lines);
    for (Algorithm algorithm : List.of(Algorithm.EASE, Algorithm.ALS)) {
      Path output = dir.resolve("every-course-out-" + algorithm);
      RecommendRequest request = RecommendRequest.of(input.toString(), output.toString(), Feedback.IMPLICIT)
          .withModel(RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT, AlgorithmChoice.valueOf(algorithm.name())));
      Recommend.Result run = Recommend.run(spark, algorithm == Algorithm.ALS ? request
          : request.withEvaluation(RecommendRequest.EvaluationRequest.SKIPPED));
      Map<String, List<String>> recommended = recommendations(output);
      assertEquals(List.of(), recommended.get("all"), algorithm.toString());
      assertEquals(4, recommended.get("few").size(), algorithm.toString());
      JsonNode written = metrics(output).get("recommendations");
      assertEquals(2, written.get("learners").asLong());
      assertEquals(1, written.get("learners_with_none").asLong());
      assertEquals(2, written.get("learners_with_fewer_than_k").asLong());
      assertEquals(4, written.get("recommendations").asLong());
      assertEquals(2, run.learners());
    }
  }

  @Test
  void anEmptyFileIsAUsageError() {
    Path empty = TestSpark.writeLines(dir.resolve("empty/interactions.json"), List.of());
    InvalidRequestException error = assertThrows(InvalidRequestException.class, () -> Recommend.run(spark,
        RecommendRequest.of(empty.toString(), dir.resolve("empty-out").toString(), Feedback.IMPLICIT)));
    assertTrue(error.getMessage().contains("input has no records"), error.getMessage());
    assertFalse(Files.exists(dir.resolve("empty-out")));
    Path allBad = TestSpark.writeLines(dir.resolve("all-bad/interactions.json"), List.of("{\"user_id\": \"a\"}"));
    error = assertThrows(InvalidRequestException.class, () -> Recommend.run(spark,
        RecommendRequest.of(allBad.toString(), dir.resolve("all-bad-out").toString(), Feedback.IMPLICIT)));
    assertTrue(error.getMessage().contains("no valid interactions"), error.getMessage());
  }

  @Test
  void movieLensInputIsReadAndImplicitAlsBeatsPopularityOnIt() throws IOException {
    Path input = dir.resolve("movielens");
    GenerateInteractions.run(spark, new InteractionGenerator.Options(600, 150, 12_000, 9, Feedback.EXPLICIT, InteractionGenerator.Format.MOVIELENS), OutputFolder.refusingExisting(input.toString()));
    try (var lines = Files.list(input)) {
      assertTrue(lines.anyMatch(file -> file.getFileName().toString().endsWith(".data")));
    }
    Path output = dir.resolve("movielens-out");
    Recommend.run(spark, RecommendRequest.of(input.toString(), output.toString(), Feedback.IMPLICIT)
        .withModel(RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT, AlgorithmChoice.ALS)));
    JsonNode metrics = metrics(output);
    assertEquals(12_000, metrics.get("records").get("read").asLong());
    assertEquals(0, metrics.get("records").get("rejected").asLong());
    assertEquals("als", metrics.get("settings").get("algorithm").asText());
    assertTrue(metrics.get("ndcg_at_k").asDouble() > metrics.get("baseline").get("ndcg_at_k").asDouble(),
        metrics.toString());
    Map<String, List<String>> recommended = recommendations(output);
    assertTrue(recommended.keySet().stream().allMatch(id -> id.matches("[1-9][0-9]*")), "integer ids kept as digits");

    Path bad = TestSpark.writeLines(dir.resolve("movielens-bad/u.data"), List.of(
        "1\t10\t5\t881250949", "1\t11\t3\t881250950", "2\t10\tfive\t881250949", "2\t11\t9\t881250949",
        "3\t\t4\t881250949", "3\t12\t4\tnot-a-time", "4\t12"));
    try (var records = new RecordReader(spark, InteractionSchema.EXPLICIT).read(bad.toString(), InputFormat.AUTO)) {
      assertEquals(7, records.counts().read());
      assertEquals(2, records.counts().accepted());
      assertEquals(Map.of("wrong_type", 1L, "out_of_range", 1L, "missing_field", 2L, "invalid_timestamp", 1L),
          records.counts().rejectedByReason());
      assertEquals("881250949", String.valueOf(records.accepted().orderBy("course_id").first()
          .getTimestamp(3).toInstant().getEpochSecond()));
    }
  }
}
