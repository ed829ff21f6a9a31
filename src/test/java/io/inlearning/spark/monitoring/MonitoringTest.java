package io.inlearning.spark.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.Integration;
import io.inlearning.spark.WaitFor;
import io.inlearning.spark.cluster.SparkSubmitProcess;
import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring of a real application on the standalone cluster that scripts/test.sh starts, with the history
 * server it starts too (scripts/history-server.sh, reading INLEARNING_EVENT_LOG_DIR): Prometheus endpoints
 * of the running application (driver, executors, streaming query), then the finished application in the
 * history server's REST API.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_HISTORY_URL", matches = "http.+")
@EnabledIfEnvironmentVariable(named = "INLEARNING_CLUSTER_MASTER", matches = "spark://.+")
class MonitoringTest {
  private static final String MASTER = System.getenv("INLEARNING_CLUSTER_MASTER");
  private static final String HISTORY = System.getenv("INLEARNING_HISTORY_URL");
  private static final String EVENT_LOGS = System.getenv("INLEARNING_EVENT_LOG_DIR");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  @TempDir
  Path dir;

  @Test
  void aRunningApplicationExportsPrometheusMetricsAndTheHistoryServerShowsItFinished() throws Exception {
    int uiPort = SparkSubmitProcess.freePort();
    Process application = new SparkSubmitProcess(MASTER, MonitoredApplication.class.getName(),
        List.of(Path.of("target/test-classes").toAbsolutePath().toString(),
            Path.of("target/classes").toAbsolutePath().toString()),
        Map.of("spark.ui.port", String.valueOf(uiPort), "spark.executor.memory", "512m"),
        Map.of("INLEARNING_EVENT_LOG_DIR", EVENT_LOGS))
        .start(dir.resolve("application.log"), dir.toString());
    try {
      WaitFor.until(Duration.ofMinutes(3), () -> Files.exists(dir.resolve("ready")) || !application.isAlive());
      assertTrue(application.isAlive(), Files.readString(dir.resolve("application.log")));
      String applicationId = Files.readString(dir.resolve("ready")).split(" ")[0];
      String ui = "http://127.0.0.1:" + uiPort;

      String driver = get(ui + "/metrics/prometheus");
      assertHas(driver, "_driver_DAGScheduler_job_allJobs_Number");
      assertHas(driver, "_driver_appStatus_jobs_succeededJobs_Count");
      assertHas(driver, "_driver_jvm_heap_used_Value");
      assertHas(driver, "_driver_spark_streaming_rate_probe_inputRate_total_Value");
      assertHas(driver, "_driver_spark_streaming_rate_probe_latency_Value");
      String executors = get(ui + "/metrics/executors/prometheus");
      assertHas(executors, "metrics_executor_totalTasks_total\\{application_id=\"" + applicationId
          + "\", application_name=\"inlearning monitoring probe\", executor_id=\"0\"\\}");
      assertHas(executors, "metrics_executor_memoryUsed_bytes\\{.*executor_id=\"1\"\\}");

      Files.writeString(dir.resolve("stop"), "");
      assertTrue(application.waitFor(2, TimeUnit.MINUTES), "the application did not stop");
      assertEquals(0, application.exitValue(), Files.readString(dir.resolve("application.log")));

      String applicationUrl = HISTORY + "/api/v1/applications/" + applicationId;
      WaitFor.until(Duration.ofMinutes(1), () -> status(applicationUrl) == 200
          && Json.mapper().readTree(get(applicationUrl)).get("attempts").get(0).get("completed").asBoolean());
      JsonNode listed = Json.mapper().readTree(get(HISTORY + "/api/v1/applications?status=completed"));
      assertTrue(listed.findValuesAsText("id").contains(applicationId), listed.toString());
      JsonNode jobs = Json.mapper().readTree(get(applicationUrl + "/jobs"));
      assertTrue(jobs.findValuesAsText("description").contains("batch probe"), jobs.toString());
      assertEquals(List.of(), failedJobs(jobs), jobs.toString());
    } finally {
      application.destroyForcibly();
    }
  }

  /**
   * The jobs that did not succeed, leaving out the newest micro-batch: {@code query.stop()} cancels a batch
   * that is running at that moment, and the history server lists its job as FAILED.
   */
  private static List<String> failedJobs(JsonNode jobs) {
    int newestBatch = -1;
    for (JsonNode job : jobs) {
      if (job.path("description").asText().startsWith("rate_probe")) {
        newestBatch = Math.max(newestBatch, job.get("jobId").asInt());
      }
    }
    List<String> failed = new ArrayList<>();
    for (JsonNode job : jobs) {
      if (job.get("jobId").asInt() != newestBatch && !"SUCCEEDED".equals(job.get("status").asText())) {
        failed.add(job.get("jobId").asText() + " " + job.get("status").asText());
      }
    }
    return failed;
  }

  private static void assertHas(String metrics, String pattern) {
    assertTrue(Pattern.compile(pattern).matcher(metrics).find(),
        "no " + pattern + " in:\n" + metrics.substring(0, Math.min(metrics.length(), 3000)));
  }

  private static int status(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), url + ": " + response.body());
    return response.body();
  }
}
