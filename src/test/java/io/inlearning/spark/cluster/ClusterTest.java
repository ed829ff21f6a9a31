package io.inlearning.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.WaitFor;
import io.inlearning.spark.common.Json;
import io.inlearning.spark.courses.ClassifierSettings;
import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on the real standalone cluster that scripts/test.sh starts (scripts/cluster.sh): submitted as
 * spark-submit does (SparkSubmit, --class, the application jar), compared with local mode, and run through
 * the loss of a worker.
 */
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

  @Test
  @Order(1)
  void coursesProcessOnTheClusterMatchesLocalMode() throws Exception {
    Path input = dir.resolve("courses");
    GenerateCourses.run(TestSpark.session(), new CourseGenerator.Options(30_000, 5, 8, 0.1, 0.03), input.toString(), false);
    ProcessCourses.Result local = ProcessCourses.run(TestSpark.session(), new ProcessCourses.Options(
        CourseInput.of(input.toString()), dir.resolve("local").toString(), ClassifierSettings.DEFAULTS, false));

    Process submitted = submit(dir.resolve("cluster-run.log"), "courses", "process", "--input", input.toString(),
        "--output", dir.resolve("cluster").toString());
    assertTrue(submitted.waitFor(10, TimeUnit.MINUTES), "the cluster job did not finish in 10 minutes");
    assertEquals(0, submitted.exitValue(), Files.readString(dir.resolve("cluster-run.log")));

    JsonNode cluster = Json.mapper().readTree(dir.resolve("cluster/metrics.json").toFile());
    assertEquals(MASTER, cluster.get("spark").get("master").asText());
    assertEquals(local.counts().read(), cluster.get("records").get("read").asLong());
    assertEquals(local.counts().accepted(), cluster.get("records").get("accepted").asLong());
    assertEquals(local.trained().split().get("train"), cluster.get("training").get("train").asLong());
    assertEquals(local.trained().split().get("test"), cluster.get("training").get("test").asLong());
    assertEquals(local.trained().evaluation().accuracy(), cluster.get("accuracy").asDouble(), 0.01);
    assertEquals(local.trained().evaluation().macroF1(), cluster.get("macro_f1").asDouble(), 0.01);
    assertEquals(local.predicted(), cluster.get("predictions").get("written").asLong());
  }

  @Test
  @Order(2)
  void aJobSurvivesTheLossOfAWorker() throws Exception {
    Path input = dir.resolve("bigger");
    long courses = 150_000;
    GenerateCourses.run(TestSpark.session(), new CourseGenerator.Options(courses, 9, 8, 0.1, 0.03), input.toString(), false);
    Path worker = STATE.resolve("worker-1.pid");
    long workerPid = Long.parseLong(Files.readString(worker).trim());

    Process submitted = submit(dir.resolve("loss-run.log"), "courses", "process", "--input", input.toString(),
        "--output", dir.resolve("after-loss").toString());
    // Kill once both workers run an executor and the job has had time to get into its tasks.
    WaitFor.until(Duration.ofMinutes(3), () -> executorsRunning() >= 2);
    Thread.sleep(15_000);
    assertTrue(submitted.isAlive(), "the job finished before the worker could be killed: make it bigger");
    ProcessHandle.of(workerPid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
    WaitFor.until(Duration.ofMinutes(2), () -> aliveWorkers() == 1);

    assertTrue(submitted.waitFor(15, TimeUnit.MINUTES), "the job did not finish after the worker loss");
    String log = Files.readString(dir.resolve("loss-run.log"));
    assertEquals(0, submitted.exitValue(), log);
    JsonNode metrics = Json.mapper().readTree(dir.resolve("after-loss/metrics.json").toFile());
    assertEquals(courses, metrics.get("records").get("read").asLong());
    assertEquals(courses, metrics.get("records").get("accepted").asLong());
    assertEquals(courses, metrics.get("predictions").get("written").asLong());
    assertTrue(metrics.get("accuracy").asDouble() > 0.9, metrics.get("accuracy").toString());

    // Leave the cluster as it was found, with two workers.
    Process restore = new ProcessBuilder("bash", "scripts/cluster.sh", "add-worker").inheritIO().start();
    assertTrue(restore.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, restore.exitValue());
  }

  private static Process submit(Path log, String... args) throws IOException {
    return SparkSubmitProcess.job(MASTER).start(log, args);
  }

  private static JsonNode masterState() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MASTER_UI)).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(response.body());
  }

  private static long aliveWorkers() throws IOException, InterruptedException {
    long alive = 0;
    for (JsonNode worker : masterState().get("workers")) {
      alive += worker.get("state").asText().equals("ALIVE") ? 1 : 0;
    }
    return alive;
  }

  /** Workers of the master that currently host an executor of a running application. */
  private static long executorsRunning() throws IOException, InterruptedException {
    long busy = 0;
    for (JsonNode worker : masterState().get("workers")) {
      busy += worker.get("state").asText().equals("ALIVE") && worker.get("coresused").asInt() > 0 ? 1 : 0;
    }
    return busy;
  }
}
