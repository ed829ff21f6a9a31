package io.inlearning.spark.publication;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlearning.spark.Integration;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.cli.Main;
import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.hourly.HourlyRun;
import io.inlearning.spark.ingest.IngestHour;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving path against a real Elasticsearch started by scripts/elasticsearch.sh: hourly runs publishing
 * while readers keep reading learners through the alias, the old runs deleted, a refused classifier, lookups.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_ES_URL", matches = ".+")
class ServingTest {
  static final String ES = System.getenv("INLEARNING_ES_URL");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  @Test
  void consecutiveRunsSwapUnderLiveReadsAndABadClassifierIsRefused() throws Exception {
    String prefix = ("test-serving-" + System.nanoTime()).toLowerCase(Locale.ROOT);
    ServingTarget target = new ServingTarget(ES, ElasticsearchSecurity.NONE, prefix, Duration.ofMinutes(1));
    Publishing publishing = new Publishing(QualityGate.classifierDefaults(), QualityGate.recommenderDefaults(),
        Optional.of(target));
    WorldGenerator.Options world = WorldGenerator.Options.builder().hours(3).courses(800).newCoursesPerHour(20)
        .learners(120).interactionsPerHour(1_500).eventsPerHour(0).seed(17).build();
    RawArea raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw")).output());
    Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
    String alias = ServingIndex.RECOMMENDATIONS.name(prefix);

    HourlyRun.Result first = hour(raw, warehouse, world, 0, publishing);
    assertEquals(List.of(), first.refusals());
    String firstVersion = first.recommended().orElseThrow().version();
    assertEquals(List.of(ServingIndex.RECOMMENDATIONS.runIndex(prefix, firstVersion)), aliased(alias));
    List<String> learners = RecommendationsTable.read(spark, warehouse).select("user_id").as(Encoders.STRING())
        .collectAsList();
    assertEquals(learners.size(), count(alias));
    assertEquals(CoursesTable.read(spark, warehouse).count(), count(ServingIndex.COURSES.name(prefix)),
        "the first publication sends the whole catalogue");

    // Readers ask for 20 learners at a time through the alias while the next two hours publish.
    Readers readers = new Readers(alias, learners, 3);
    HourlyRun.Result second = hour(raw, warehouse, world, 1, publishing);
    HourlyRun.Result third = hour(raw, warehouse, world, 2, publishing);
    readers.stop();
    assertEquals(0, readers.errors.get(), "errors while reading: " + readers.firstError);
    assertEquals(0, readers.missing.get(), "learners missing while reading");
    assertEquals(0, readers.mixed.get(), "responses mixing two runs");
    assertTrue(readers.responses.get() > 10, readers.responses.get() + " responses");
    assertTrue(readers.runs.size() >= 2, "the readers saw the alias move: " + readers.runs);
    String thirdVersion = third.recommended().orElseThrow().version();
    String thirdIndex = ServingIndex.RECOMMENDATIONS.runIndex(prefix, thirdVersion);
    assertEquals(List.of(thirdIndex), aliased(alias), "the alias serves the last run");
    assertEquals(Set.of(ServingIndex.RECOMMENDATIONS.runIndex(prefix, second.recommended().orElseThrow().version()),
        thirdIndex), indices(alias + "-*"), "the last two runs are kept, the first deleted");
    assertEquals(2, indices(ServingIndex.SIMILAR_COURSES.name(prefix) + "-*").size());
    // Each hour's new courses reach the courses index, in the one publication of the classified courses.
    assertEquals(CoursesTable.read(spark, warehouse).count(), count(ServingIndex.COURSES.name(prefix)));
    for (HourlyRun.Result later : List.of(second, third)) {
      assertTrue(later.ingestedCoursesPublished().isEmpty(), "the courses were published twice");
      assertTrue(later.classified().orElseThrow().published().orElseThrow().documents()
          >= later.ingested().courses().merged().inserted(), later.toString());
    }

    // Every learner of the table has its 10 courses with titles, from the last run.
    Dataset<Row> table = RecommendationsTable.read(spark, warehouse);
    assertEquals(table.count(), count(alias));
    for (String learner : table.select("user_id").as(Encoders.STRING()).limit(25).collectAsList()) {
      JsonNode doc = get(alias, learner);
      assertEquals(thirdVersion, doc.path("model_version").asText());
      assertEquals(10, doc.path("recommendations").size(), learner);
      for (JsonNode course : doc.path("recommendations")) {
        assertFalse(course.path("title").asText().isEmpty(), "a title for " + course);
        assertFalse(course.path("category").asText().isEmpty(), "a category for " + course);
      }
    }
    String learner = learners.get(0);
    String learnerShown = lookup("learner", learner, "elasticsearch:" + ES, prefix);
    assertEquals(learnerShown, lookup("learner", learner, "warehouse:" + warehouse.root(), prefix)
        .replace("warehouse " + warehouse.root(), thirdIndex), "the warehouse and the index show the same list");
    assertEquals(11, learnerShown.lines().count(), learnerShown);
    String course = table.selectExpr("recommendations[0].course_id").as(Encoders.STRING()).first();
    JsonNode courseDoc = get(ServingIndex.COURSES.name(prefix), course);
    assertTrue(courseDoc.path("predicted_category").isTextual(), courseDoc.toString());
    assertTrue(lookup("course", course, "elasticsearch:" + ES, prefix).contains(courseDoc.path("title").asText()));

    // A catalogue whose categories were shuffled trains a model that is no better than the largest category.
    String classifier = currentClassifier(warehouse);
    shuffleCategories(warehouse);
    assertEquals(Main.REFUSED, Main.execute("courses", "train", "--warehouse", warehouse.root()));
    assertEquals(classifier, currentClassifier(warehouse), "the current classifier stays");
    assertEquals(List.of(thirdIndex), aliased(alias));
  }

  /** The secured path: through the project's TLS proxy with an API key and the CA certificate. */
  @Test
  @EnabledIfEnvironmentVariable(named = "INLEARNING_ES_TLS_API_KEY_URL", matches = ".+")
  void publishesThroughTheTlsProxyWithAnApiKey() throws Exception {
    Warehouse warehouse = oneHourIngested("secured", 300, 50, 4);
    String prefix = ("test-secured-" + System.nanoTime()).toLowerCase(Locale.ROOT);
    assertEquals(0, Main.execute("publish", "--warehouse", warehouse.root(), "--to",
        "elasticsearch:" + System.getenv("INLEARNING_ES_TLS_API_KEY_URL"), "--es-api-key-file",
        System.getenv("INLEARNING_ES_TLS_API_KEY_FILE"), "--es-ca-cert", System.getenv("INLEARNING_ES_TLS_CA"),
        "--publish-prefix", prefix));
    assertEquals(CoursesTable.read(spark, warehouse).count(), count(ServingIndex.COURSES.name(prefix)));
  }

  /**
   * A courses index left by another version, whose strict mapping lacks fields this one writes: the bulks, sent from
   * Spark's tasks, are rejected, and the job stops in one line that says so (the task does not fail and get run
   * again, retries and all).
   */
  @Test
  void aDocumentElasticsearchRejectsStopsThePublicationInOneLine() throws Exception {
    Warehouse warehouse = oneHourIngested("rejected", 200, 20, 5);
    String prefix = ("test-rejected-" + System.nanoTime()).toLowerCase(Locale.ROOT);
    http("PUT", "/" + ServingIndex.COURSES.name(prefix),
        "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"course_id\":{\"type\":\"keyword\"}}}}");

    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.execute("publish", "--warehouse", warehouse.root(), "--to", "elasticsearch:" + ES,
          "--publish-prefix", prefix);
    } finally {
      System.setErr(err);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith("inlearning: ")).toList();
    assertEquals(1, exit, captured.toString(StandardCharsets.UTF_8));
    assertEquals(1, lines.size(), captured.toString(StandardCharsets.UTF_8));
    assertTrue(lines.get(0).contains("Elasticsearch rejected a document")
        && lines.get(0).contains("strict_dynamic_mapping_exception"), lines.get(0));
    assertEquals(0, count(ServingIndex.COURSES.name(prefix)));
  }

  /** A warehouse that has ingested one generated hour (courses and interactions), nothing trained. */
  private Warehouse oneHourIngested(String name, int courses, int learners, long seed) {
    WorldGenerator.Options world = WorldGenerator.Options.builder().hours(1).courses(courses).newCoursesPerHour(10)
        .learners(learners).interactionsPerHour(learners * 4).eventsPerHour(0).seed(seed).build();
    RawArea raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw-" + name)).output());
    Warehouse warehouse = new Warehouse(dir.resolve("warehouse-" + name).toString());
    IngestHour.run(spark, new IngestHour.Request(raw, warehouse, world.start()));
    return warehouse;
  }

  private HourlyRun.Result hour(RawArea raw, Warehouse warehouse, WorldGenerator.Options world, int hour,
                                Publishing publishing) {
    return HourlyRun.run(spark, new HourlyRun.Request(raw, warehouse, world.start().plusHours(hour),
        ClassifierRequest.DEFAULTS, HourlyRun.LastStep.RECOMMEND, publishing));
  }

  private String currentClassifier(Warehouse warehouse) {
    return ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
        ModelRegistry.Kind.CLASSIFIER).orElseThrow();
  }

  /** Deals the categories out again at random: the text no longer says anything about the category. */
  private void shuffleCategories(Warehouse warehouse) {
    Dataset<Row> courses = CoursesTable.read(spark, warehouse).localCheckpoint();
    List<String> categories = new ArrayList<>(courses.select("category").as(Encoders.STRING()).collectAsList());
    Collections.shuffle(categories, new java.util.Random(3));
    List<String> ids = courses.select("course_id").as(Encoders.STRING()).collectAsList();
    List<Row> pairs = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      pairs.add(org.apache.spark.sql.RowFactory.create(ids.get(i), categories.get(i)));
    }
    Dataset<Row> shuffled = spark.createDataFrame(pairs, new org.apache.spark.sql.types.StructType()
        .add("course_id", "string").add("shuffled", "string"));
    courses.join(shuffled, "course_id").withColumn("category", col("shuffled")).drop("shuffled")
        .select(courses.columns()[0], java.util.Arrays.copyOfRange(courses.columns(), 1, courses.columns().length))
        .write().format("delta").mode("overwrite").save(warehouse.location(io.inlearning.spark.warehouse.Table.COURSES));
  }

  /** What {@code inlearning lookup KIND ID --from FROM} prints. */
  private static String lookup(String kind, String id, String from, String prefix) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.execute("lookup", kind, id, "--from", from, "--publish-prefix", prefix));
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** Reader threads: _mget of 20 random learners through the alias, over and over, as an application would. */
  private static final class Readers {
    final AtomicLong responses = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong missing = new AtomicLong();
    final AtomicLong mixed = new AtomicLong();
    final Set<String> runs = ConcurrentHashMap.newKeySet();
    volatile String firstError;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Readers(String alias, List<String> learners, int count) {
      HttpClient http = HttpClient.newHttpClient();
      for (int t = 0; t < count; t++) {
        Thread thread = new Thread(() -> {
          while (running.get()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
              ids.add(learners.get(ThreadLocalRandom.current().nextInt(learners.size())));
            }
            try {
              String body = JSON.writeValueAsString(java.util.Map.of("ids", ids));
              HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ES + "/" + alias + "/_mget"))
                  .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(), HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
              }
              Set<String> seen = new HashSet<>();
              for (JsonNode doc : JSON.readTree(response.body()).path("docs")) {
                if (!doc.path("found").asBoolean()) {
                  missing.incrementAndGet();
                } else {
                  seen.add(doc.path("_source").path("run").asText());
                }
              }
              if (seen.size() > 1) {
                mixed.incrementAndGet();
              }
              runs.addAll(seen);
              responses.incrementAndGet();
            } catch (Exception e) {
              if (errors.getAndIncrement() == 0) {
                firstError = e.toString();
              }
            }
          }
        }, "serving-reader-" + t);
        thread.start();
        threads.add(thread);
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  static JsonNode get(String index, String id) throws Exception {
    JsonNode doc = JSON.readTree(http("GET", "/" + index + "/_doc/" + id));
    assertTrue(doc.path("found").asBoolean(), index + "/" + id);
    return doc.path("_source");
  }

  static long count(String index) throws Exception {
    http("POST", "/" + index + "/_refresh");
    return JSON.readTree(http("GET", "/" + index + "/_count")).path("count").asLong();
  }

  static List<String> aliased(String alias) throws Exception {
    List<String> indices = new ArrayList<>();
    JSON.readTree(http("GET", "/_alias/" + alias)).fieldNames().forEachRemaining(indices::add);
    return indices;
  }

  static Set<String> indices(String pattern) throws Exception {
    Set<String> names = new HashSet<>();
    JSON.readTree(http("GET", "/" + pattern + "?expand_wildcards=open")).fieldNames()
        .forEachRemaining(names::add);
    return names.stream().collect(Collectors.toSet());
  }

  static String http(String method, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ES + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertNotEquals(500, response.statusCode(), response.body());
    return response.body();
  }

  static String http(String method, String path, String json) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ES + path))
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
