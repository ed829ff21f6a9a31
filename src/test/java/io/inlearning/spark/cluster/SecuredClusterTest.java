package io.inlearning.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.Integration;
import io.inlearning.spark.WaitFor;
import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second standalone cluster, started by {@code scripts/cluster.sh start --secret-file} with RPC
 * authentication and encryption: an application that brings the secret (in spark-defaults.conf, as an
 * operator would) runs its tasks on the cluster's executors; one without it has its connection refused by the
 * master and is never registered.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_CLUSTER_MASTER", matches = "spark://.+")
class SecuredClusterTest {
  @TempDir
  Path dir;

  @Test
  void applicationWithoutTheSecretIsRefusedAndOneWithItRuns() throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, UUID.randomUUID() + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    int masterPort = SparkSubmitProcess.freePort();
    int uiPort = SparkSubmitProcess.freePort();
    Map<String, String> clusterEnv = Map.of("INLEARNING_CLUSTER_DIR", dir.resolve("cluster").toString(),
        "SPARK_MASTER_PORT", String.valueOf(masterPort), "SPARK_MASTER_WEBUI_PORT", String.valueOf(uiPort),
        "SPARK_MASTER_REST_PORT", String.valueOf(SparkSubmitProcess.freePort()));
    String master = "spark://127.0.0.1:" + masterPort;
    script(clusterEnv, "start", "--workers", "1", "--secret-file", secret.toString());
    try {
      Path conf = dir.resolve("conf");
      Files.createDirectories(conf);
      Files.writeString(conf.resolve("spark-defaults.conf"), "spark.authenticate true\n"
          + "spark.authenticate.secret " + Files.readString(secret).strip() + "\nspark.network.crypto.enabled true\n");

      // Both at once: the one without the secret fails to register (below) while the other runs.
      Process without = new SparkSubmitProcess(master, "io.inlearning.spark.cli.Main", List.of(),
          Map.of("spark.executor.memory", "1g"), Map.of())
          .start(dir.resolve("without.log"), "generate", "courses", "--count", "2000", "--out",
              dir.resolve("without").toString());
      Process with = new SparkSubmitProcess(master, "io.inlearning.spark.cli.Main", List.of(),
          Map.of("spark.executor.memory", "1g"), Map.of("SPARK_CONF_DIR", conf.toString()))
          .start(dir.resolve("with.log"), "generate", "courses", "--count", "2000", "--out", dir.resolve("with").toString());
      assertTrue(with.waitFor(5, TimeUnit.MINUTES), "the application with the secret did not finish");
      assertEquals(0, with.exitValue(), () -> read(dir.resolve("with.log")));
      assertTrue(Files.exists(dir.resolve("with/_SUCCESS")));

      // The master answers a connection without the secret with a SASL error. Spark's client would go on
      // trying for a minute (three 20 s attempts, constants in StandaloneAppClient) before it exits non-zero;
      // the refusal in its log is the outcome, so the test stops it there.
      WaitFor.until(Duration.ofMinutes(2), () -> {
        String log = read(dir.resolve("without.log"));
        return log.contains("Failed to connect to master") && log.contains("Expected SaslMessage");
      });
      without.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
      assertFalse(Files.exists(dir.resolve("without/_SUCCESS")));

      JsonNode state = Json.mapper().readTree(URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL());
      List<String> registered = new ArrayList<>();
      state.path("completedapps").forEach(app -> registered.add(app.path("name").asText()));
      state.path("activeapps").forEach(app -> registered.add(app.path("name").asText()));
      assertEquals(List.of("inlearning generate courses"), registered, "only the application with the secret registers");
      assertTrue(read(dir.resolve("cluster/logs/master.log")).contains("SecurityManager: authentication enabled"));
    } finally {
      script(clusterEnv, "stop");
    }
  }

  private static void script(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "scripts/cluster.sh"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(3, TimeUnit.MINUTES));
    assertEquals(0, process.exitValue(), "scripts/cluster.sh " + String.join(" ", args) + ": " + output);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
