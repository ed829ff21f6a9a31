package io.inlearning.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.Integration;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.WaitFor;
import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.delta.tables.DeltaTable;
import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.hourly.HourlyRun;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.recommendations.AlgorithmChoice;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendMetrics;
import io.inlearning.spark.recommendations.RecommendRequest;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import org.apache.spark.sql.SparkSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on the real standalone cluster that scripts/test.sh starts (scripts/cluster.sh): submitted as
 * spark-submit does (SparkSubmit, --class, the application jar), compared with local mode (the courses job
 * through the loss of a worker), and scaled by dynamic allocation and by adding a worker.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_CLUSTER_MASTER", matches = "spark://.+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final String MASTER = System.getenv("INLEARNING_CLUSTER_MASTER");
  private static final Path STATE = Path.of(System.getenv().getOrDefault("INLEARNING_CLUSTER_DIR", "target/cluster"));
  private static final String MASTER_UI =
      System.getenv().getOrDefault("INLEARNING_CLUSTER_UI", "http://127.0.0.1:8080") + "/json/";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;

  /**
   * The cluster run loses a worker (kill -9) while it trains, and must still give local mode's results: Spark
   * reschedules the lost executor's tasks and recomputes what it held.
   */
  @Test
  @Order(1)
  void coursesProcessOnTheClusterSurvivesAWorkerLossAndMatchesLocalMode() throws Exception {
    Path input = dir.resolve("courses");
    GenerateCourses.run(TestSpark.session(), new CourseGenerator.Options(10_000, 5, 8, 0.1, 0.03), OutputFolder.refusingExisting(input.toString()));
    ProcessCourses.Result local = ProcessCourses.run(TestSpark.session(), new ProcessCourses.Request(CourseInput.of(input.toString()), OutputFolder.refusingExisting(dir.resolve("local").toString()), ClassifierRequest.DEFAULTS));

    long workerPid = Long.parseLong(Files.readString(STATE.resolve("worker-1.pid")).trim());
    long workersBefore = aliveWorkers();
    Path log = dir.resolve("cluster-run.log");
    // Both workers hold an executor from the start: with executors following the load, how many the training
    // phase has depends on how fast the tasks ran, and the loss of a worker without one proves nothing.
    Process submitted = SparkSubmitProcess.job(MASTER).withConf("spark.dynamicAllocation.minExecutors", "2")
        .start(log, "courses", "process", "--input", input.toString(), "--output", dir.resolve("cluster").toString());
    // Kill once both workers run an executor and the job's newest Spark job is one of its training phase (asked
    // of the application's REST API: the progress lines are samples, and may skip a phase).
    WaitFor.until(Duration.ofMinutes(5), () -> {
      assertTrue(submitted.isAlive(), () -> "the job ended before the worker could be killed:\n" + readLog(log));
      return busyWorkers().size() >= 2 && newestJobDescription(log).equals(Optional.of("train"));
    });
    ProcessHandle.of(workerPid).ifPresent(ProcessHandle::destroyForcibly);
    try {
      WaitFor.until(Duration.ofMinutes(2), () -> aliveWorkers() == workersBefore - 1);
      assertTrue(submitted.waitFor(15, TimeUnit.MINUTES), "the job did not finish after the worker loss");
      assertEquals(0, submitted.exitValue(), Files.readString(log));
    } finally {
      cluster("add-worker"); // leave the cluster as it was found
    }

    JsonNode cluster = Json.mapper().readTree(dir.resolve("cluster/metrics.json").toFile());
    assertEquals(MASTER, cluster.get("spark").get("master").asText());
    assertEquals(local.counts().read(), cluster.get("records").get("read").asLong());
    assertEquals(local.counts().accepted(), cluster.get("records").get("accepted").asLong());
    assertEquals(local.trained().training().split().train(), cluster.get("training").get("train").asLong());
    assertEquals(local.trained().training().split().test(), cluster.get("training").get("test").asLong());
    assertEquals(local.trained().evaluation().orElseThrow().accuracy(), cluster.get("accuracy").asDouble(), 0.01);
    assertEquals(local.trained().evaluation().orElseThrow().macroF1(), cluster.get("macro_f1").asDouble(), 0.01);
    assertEquals(local.predicted(), cluster.get("predictions").get("written").asLong());
  }

  /**
   * ALS, Spark's distributed trainer, as asked: no model selection, whose thirty-odd small fits would take two
   * of this test's three minutes. The default path ({@code auto}, selection included) runs on the cluster in
   * the Airflow DAG's test (orchestration/airflow/tests/test_dag_run.py) and locally in RecommendJobTest.
   */
  @Test
  @Order(2)
  void recommendOnTheClusterMatchesLocalMode() throws Exception {
    Path input = dir.resolve("interactions");
    GenerateInteractions.run(TestSpark.session(), new InteractionGenerator.Options(1_500, 300, 30_000, 7, Feedback.IMPLICIT, InteractionGenerator.Format.JSON), OutputFolder.refusingExisting(input.toString()));
    Recommend.Result local = Recommend.run(TestSpark.session(), RecommendRequest.of(input.toString(),
        dir.resolve("local-recommendations").toString(), Feedback.IMPLICIT)
        .withModel(RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT, AlgorithmChoice.ALS)));
    assertEquals("als", local.metrics().settings().algorithm());

    Process submitted = submit(dir.resolve("recommend-run.log"), "recommend", "--implicit", "--algorithm", "als",
        "--interactions", input.toString(), "--output", dir.resolve("cluster-recommendations").toString());
    assertTrue(submitted.waitFor(10, TimeUnit.MINUTES), "the cluster job did not finish in 10 minutes");
    assertEquals(0, submitted.exitValue(), Files.readString(dir.resolve("recommend-run.log")));

    JsonNode cluster = Json.mapper().readTree(dir.resolve("cluster-recommendations/metrics.json").toFile());
    assertEquals(MASTER, cluster.get("spark").get("master").asText());
    assertEquals("als", cluster.get("settings").get("algorithm").asText());
    assertEquals(local.counts().read(), cluster.get("records").get("read").asLong());
    assertEquals(local.counts().accepted(), cluster.get("records").get("accepted").asLong());
    assertEquals(local.metrics().data().users(), cluster.get("users").asLong());
    assertEquals(local.metrics().data().courses(), cluster.get("courses").asLong());
    assertEquals(local.learners(), cluster.get("recommendations").get("learners").asLong());
    RecommendMetrics.Ranking localRanking = local.metrics().quality().ranking();
    assertEquals(localRanking.ndcgAtK(), cluster.get("ndcg_at_k").asDouble(), 0.02);
    assertEquals(localRanking.precisionAtK(), cluster.get("precision_at_k").asDouble(), 0.02);
    assertEquals(localRanking.mapAtK(), cluster.get("map_at_k").asDouble(), 0.02);
    assertTrue(cluster.get("beats_baseline").asBoolean(), cluster.toString());
  }

  /**
   * The hourly flow submitted as the DAG submits it: Delta Lake from the application jar on the driver and the
   * executors, the same tables as local mode, and merges in their history.
   */
  @Test
  @Order(3)
  void hourlyOnTheClusterWritesTheSameWarehouseAsLocalMode() throws Exception {
    WorldGenerator.Options world = WorldGenerator.Options.builder().hours(1).courses(600)
        .learners(80).interactionsPerHour(2_000).eventsPerHour(0).seed(13).build();
    RawArea raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw")).output());
    Warehouse local = new Warehouse(dir.resolve("local-warehouse").toString());
    Warehouse onCluster = new Warehouse(dir.resolve("cluster-warehouse").toString());
    HourlyRun.Result inLocalMode = HourlyRun.run(TestSpark.session(), new HourlyRun.Request(raw, local,
        world.start(), ClassifierRequest.DEFAULTS));
    assertEquals(List.of(), inLocalMode.refusals(), "both models pass their quality gates");
    Path log = dir.resolve("hourly.log");
    Process submitted = submit(log, "hourly", "--raw", raw.root(), "--warehouse", onCluster.root(), "--hour",
        world.start().toString());
    assertTrue(submitted.waitFor(10, TimeUnit.MINUTES), "the hourly run did not finish in 10 minutes");
    assertEquals(0, submitted.exitValue(), Files.readString(log));
    SparkSession spark = TestSpark.session();
    for (Table table : List.of(Table.COURSES, Table.INTERACTIONS)) {
      assertEquals(spark.read().format("delta").load(local.location(table)).count(),
          spark.read().format("delta").load(onCluster.location(table)).count(), table.folder());
      assertTrue(DeltaTable.forPath(spark, onCluster.location(table)).history().filter("operation = 'MERGE'")
          .count() >= 1, table.folder());
    }
    assertEquals(0, CoursesTable.read(spark, onCluster).filter("predicted_category IS NULL").count());
    assertEquals(RecommendationsTable.read(spark, local).count(), RecommendationsTable.read(spark, onCluster).count(),
        "a list for every learner, as in local mode");
  }

  /**
   * Auto-scaling with the defaults every job gets (SparkSessions): a driver with no executors gets them when
   * tasks queue up, a worker added while it runs takes an executor too, and idle executors are released.
   */
  @Test
  @Order(4)
  void executorsFollowTheLoadAndANewWorkerIsPickedUp() throws Exception {
    Path control = Files.createDirectories(dir.resolve("probe"));
    Files.createFile(control.resolve("load"));
    int uiPort = SparkSubmitProcess.freePort();
    Path log = dir.resolve("probe.log");
    Process probe = new SparkSubmitProcess(MASTER, ScalingProbe.class.getName(),
        List.of("target/test-classes", "target/classes"), Map.of(), Map.of())
        .start(log, MASTER, String.valueOf(uiPort), control.toString());
    try {
      WaitFor.until(Duration.ofMinutes(1), () -> Files.readString(log).contains("application "));
      String app = Files.readString(log).lines().filter(l -> l.startsWith("application ")).findFirst()
          .orElseThrow().substring("application ".length()).trim();
      URI executors = URI.create("http://127.0.0.1:" + uiPort + "/api/v1/applications/" + app + "/executors");
      URI allExecutors = URI.create("http://127.0.0.1:" + uiPort + "/api/v1/applications/" + app + "/allexecutors");

      long workers = aliveWorkers();
      WaitFor.until(Duration.ofMinutes(3), () -> activeExecutors(executors) == workers);
      Set<String> busyBefore = busyWorkers();

      cluster("add-worker");
      WaitFor.until(Duration.ofMinutes(3), () -> activeExecutors(executors) == workers + 1);
      Set<String> busyAfter = busyWorkers();
      busyAfter.removeAll(busyBefore);
      assertEquals(1, busyAfter.size(), "the new worker should run an executor of the job: " + busyAfter);

      Files.delete(control.resolve("load"));
      WaitFor.until(Duration.ofMinutes(2), () -> activeExecutors(executors) == 0);
      long released = 0;
      for (JsonNode executor : get(allExecutors)) {
        released += !executor.get("id").asText().equals("driver") && !executor.get("isActive").asBoolean() ? 1 : 0;
      }
      assertTrue(released >= workers + 1, "executors released when idle: " + released);
      Files.createFile(control.resolve("stop"));
      assertTrue(probe.waitFor(2, TimeUnit.MINUTES), "the probe did not stop");
      assertEquals(0, probe.exitValue(), Files.readString(log));
    } finally {
      probe.destroyForcibly();
      cluster("remove-worker"); // the jobs that run after this test expect two workers
    }
  }

  private static void cluster(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", "scripts/cluster.sh", command).inheritIO().start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, process.exitValue(), "scripts/cluster.sh " + command);
  }

  private static Process submit(Path log, String... args) throws IOException {
    return SparkSubmitProcess.job(MASTER).start(log, args);
  }

  /**
   * The description (the phase) of the application's newest Spark job, from the REST API of the UI that the
   * job's first line names; empty before that line or before the first job.
   */
  private static Optional<String> newestJobDescription(Path log) throws IOException, InterruptedException {
    Matcher application = Pattern.compile("Spark application (\\S+) .* UI (http://\\S+),").matcher(Files.readString(log));
    if (!application.find()) {
      return Optional.empty();
    }
    JsonNode jobs = get(URI.create(application.group(2) + "/api/v1/applications/" + application.group(1) + "/jobs"));
    return jobs.isEmpty() || !jobs.get(0).has("description") ? Optional.empty()
        : Optional.of(jobs.get(0).get("description").asText());
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static JsonNode get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri + ": " + response.body());
    return Json.mapper().readTree(response.body());
  }

  /** Executors of the application other than the driver, from its REST API. */
  private static long activeExecutors(URI executors) throws IOException, InterruptedException {
    long active = 0;
    for (JsonNode executor : get(executors)) {
      active += executor.get("id").asText().equals("driver") ? 0 : 1;
    }
    return active;
  }

  /** Ids of the alive workers that run an executor. */
  private static Set<String> busyWorkers() throws IOException, InterruptedException {
    Set<String> busy = new HashSet<>();
    for (JsonNode worker : masterState().get("workers")) {
      if (worker.get("state").asText().equals("ALIVE") && worker.get("coresused").asInt() > 0) {
        busy.add(worker.get("id").asText());
      }
    }
    return busy;
  }

  private static JsonNode masterState() throws IOException, InterruptedException {
    return get(URI.create(MASTER_UI));
  }

  private static long aliveWorkers() throws IOException, InterruptedException {
    long alive = 0;
    for (JsonNode worker : masterState().get("workers")) {
      alive += worker.get("state").asText().equals("ALIVE") ? 1 : 0;
    }
    return alive;
  }

}
