package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import io.inlearning.spark.Integration;
import io.inlearning.spark.TestLogs;
import io.inlearning.spark.cli.Main;
import io.inlearning.spark.cluster.SparkSubmitProcess;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics job against secured services, all real and on loopback: Elasticsearch behind nginx with TLS
 * (a private CA) and basic or API-key authentication (scripts/elasticsearch-proxy.sh), and Kafka's SASL
 * listener with SCRAM-SHA-256 (scripts/kafka.sh). Refusals end the job with one line and exit code 1 before
 * anything is written; a successful run leaves no secret in any file it wrote.
 */
@Integration
@EnabledIfEnvironmentVariable(named = "INLEARNING_ES_TLS_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "INLEARNING_KAFKA_SASL", matches = ".+")
class SecuredServicesTest {
  static final String ES = System.getenv("INLEARNING_ES_URL");
  static final String ES_TLS = System.getenv("INLEARNING_ES_TLS_URL");
  static final String ES_TLS_API_KEY = System.getenv("INLEARNING_ES_TLS_API_KEY_URL");
  static final String CA = System.getenv("INLEARNING_ES_TLS_CA");
  static final String ES_USER = System.getenv("INLEARNING_ES_TLS_USER");
  static final Path ES_PASSWORD = Path.of(System.getenv("INLEARNING_ES_TLS_PASSWORD_FILE"));
  static final Path ES_API_KEY = Path.of(System.getenv("INLEARNING_ES_TLS_API_KEY_FILE"));
  static final String KAFKA = System.getenv("INLEARNING_KAFKA");
  static final String KAFKA_SASL = System.getenv("INLEARNING_KAFKA_SASL");
  static final Path KAFKA_PASSWORD = Path.of(System.getenv("INLEARNING_KAFKA_SASL_PASSWORD_FILE"));
  static final EventGenerator.Options EVENTS = EventGenerator.Options.builder(3_000, 21).files(4).arrivals(Instant.parse("2026-05-01T00:00:00Z"), Duration.ofHours(6)).lateFraction(0).malformedFraction(0.05).categories(3).build();

  static Path events;
  static String topic;

  @TempDir
  Path dir;

  /** The events reach the topic through the SASL listener, as `generate events --kafka-properties` sends them. */
  @BeforeAll
  static void sendEvents(@TempDir Path shared) throws Exception {
    events = shared.resolve("events");
    topic = "secured-" + System.nanoTime();
    StringWriter err = new StringWriter();
    int exit = Main.execute(new PrintWriter(err, true), "generate", "events", "--count", "" + EVENTS.count(),
        "--seed", "" + EVENTS.seed(), "--files", "" + EVENTS.files(), "--start", EVENTS.start().toString(),
        "--span", EVENTS.span().toHours() + "h", "--late-fraction", "0", "--malformed-fraction", "" + EVENTS.malformedFraction(),
        "--categories", "" + EVENTS.categories(), "--out", events.toString(), "--kafka", KAFKA_SASL + "/" + topic,
        "--kafka-properties", kafkaProperties(shared, KAFKA_PASSWORD, true).toString());
    assertEquals(0, exit, err::toString);
  }

  private Path kafkaProperties(Path passwordFile, boolean inline) throws IOException {
    return kafkaProperties(dir, passwordFile, inline);
  }

  /**
   * A Kafka client properties file for the SASL listener: with the password written in it, or referenced from a
   * second file through Kafka's FileConfigProvider.
   */
  private static Path kafkaProperties(Path dir, Path passwordFile, boolean inline) throws IOException {
    String password = Files.readString(passwordFile).strip();
    Path secrets = dir.resolve("kafka-secret.properties");
    Files.writeString(secrets, "password=" + password + "\n");
    Path properties = dir.resolve("kafka-client.properties");
    Files.writeString(properties, String.join("\n",
        "security.protocol=SASL_PLAINTEXT",
        "sasl.mechanism=SCRAM-SHA-256",
        "config.providers=file",
        "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"inlearning\""
            + " password=\"" + (inline ? password : "${file:" + secrets + ":password}") + "\";", ""));
    return properties;
  }

  @Test
  void saslKafkaToTlsElasticsearchGivesExactDocumentsAndLeavesNoSecretInAnyFile() throws Exception {
    String index = ElasticsearchAnalyticsTest.index("secured");
    Path job = dir.resolve("job");
    Path eventLogs = dir.resolve("event-logs");
    Files.createDirectories(eventLogs);
    Path log = dir.resolve("analytics.log");
    // Its own JVM as spark-submit runs it, with INFO logging and an event log, so that every file it writes is
    // there to be searched.
    Process run = new SparkSubmitProcess("local[2]", "io.inlearning.spark.cli.Main", List.of(),
        Map.of("spark.eventLog.enabled", "true", "spark.eventLog.dir", eventLogs.toUri().toString()),
        Map.of(ElasticsearchSecurity.USER_VARIABLE, ES_USER, "JAVA_TOOL_OPTIONS", "-Dinlearning.log.level=info"))
        .start(log, "analytics", "--source", "kafka:" + KAFKA_SASL + "/" + topic,
            "--kafka-properties", kafkaProperties(KAFKA_PASSWORD, true).toString(),
            "--sink", "elasticsearch:" + ES_TLS + "/" + index, "--es-password-file", ES_PASSWORD.toString(),
            "--es-ca-cert", CA, "--checkpoint", job.resolve("checkpoint").toString(), "--trigger", "available-now");
    assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the secured run did not finish in 5 minutes");
    assertEquals(0, run.exitValue(), () -> "the secured run failed: " + TestLogs.tail(log));

    assertEquals(Recount.windows(Recount.lines(new EventGenerator(EVENTS)), Duration.ofHours(1)),
        Recount.documents(ES, index));
    JsonNode metrics = Json.mapper().readTree(job.resolve("metrics.json").toFile());
    assertEquals(3_000, metrics.path("records").path("read").asLong());
    assertEquals("user " + ES_USER + " (password from file " + ES_PASSWORD + ")",
        metrics.path("sink_connection").path("credentials").asText());

    List<String> secrets = secrets();
    List<Path> written = files(dir);
    Path eventLog = written.stream().filter(p -> p.startsWith(eventLogs) && p.toString().endsWith(".zstd"))
        .findFirst().orElseThrow();
    // The search below reads what was written, not compressed bytes: the event log's plans name the topic, and
    // the log is at INFO.
    assertTrue(content(eventLog).contains("kafka:" + topic), "the event log was not read");
    assertTrue(content(log).contains("INFO SparkContext: Running Spark version"), "the log is not at INFO");
    assertTrue(written.contains(job.resolve("progress.json")) && written.contains(job.resolve("report.html")));
    for (Path file : written) {
      String content = content(file);
      for (String secret : secrets) {
        assertFalse(content.contains(secret), file + " holds a secret");
      }
    }
  }

  /** A file's text; Spark's event logs are zstd-compressed. */
  private static String content(Path file) throws IOException {
    try (InputStream in = file.toString().endsWith(".zstd") ? new ZstdInputStream(Files.newInputStream(file))
        : Files.newInputStream(file)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The passwords and API key in clear, and in the forms they travel in (basic auth token). */
  private static List<String> secrets() throws IOException {
    String esPassword = Files.readString(ES_PASSWORD).strip();
    List<String> secrets = new ArrayList<>(List.of(esPassword, Files.readString(KAFKA_PASSWORD).strip(),
        Files.readString(ES_API_KEY).strip()));
    secrets.add(Base64.getEncoder().encodeToString((ES_USER + ":" + esPassword).getBytes(StandardCharsets.UTF_8)));
    return secrets;
  }

  /** Every file under the folder but the secret files the test itself wrote. */
  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("kafka-")).toList();
    }
  }

  private record Outcome(int exitCode, List<String> errorLines) {}

  private Outcome analytics(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(err, true), args);
    List<String> lines = err.toString().lines().filter(l -> l.startsWith("inlearning: failed")).toList();
    return new Outcome(code, lines);
  }

  private void assertRefused(Outcome outcome, String expected, Path job) {
    assertEquals(1, outcome.exitCode());
    assertEquals(1, outcome.errorLines().size(), outcome.errorLines()::toString);
    assertTrue(outcome.errorLines().get(0).contains(expected), outcome.errorLines().get(0));
    assertFalse(Files.exists(job), "a refused run wrote " + job);
  }

  @Test
  void wrongElasticsearchPasswordExitsOneWithOneLineAndWritesNothing() throws Exception {
    Path wrong = dir.resolve("wrong-password");
    Files.writeString(wrong, "not-the-password\n");
    Path job = dir.resolve("job");
    assertRefused(analytics("analytics", "--source", "files:" + events, "--sink",
        "elasticsearch:" + ES_TLS + "/" + ElasticsearchAnalyticsTest.index("refused"), "--es-user", ES_USER,
        "--es-password-file", wrong.toString(), "--es-ca-cert", CA, "--checkpoint", job.resolve("cp").toString(),
        "--trigger", "available-now"), "refused the credentials (HTTP 401)", job);
  }

  @Test
  void untrustedCertificateExitsOneWithOneLine() {
    Path job = dir.resolve("job");
    assertRefused(analytics("analytics", "--source", "files:" + events, "--sink",
        "elasticsearch:" + ES_TLS + "/" + ElasticsearchAnalyticsTest.index("untrusted"), "--es-user", ES_USER,
        "--es-password-file", ES_PASSWORD.toString(), "--checkpoint", job.resolve("cp").toString(),
        "--trigger", "available-now"), "TLS failed", job);
    assertRefused(analytics("analytics", "--source", "files:" + events, "--sink",
        "elasticsearch:" + ES_TLS_API_KEY + "/" + ElasticsearchAnalyticsTest.index("untrusted"),
        "--es-api-key-file", ES_API_KEY.toString(), "--es-ca-fingerprint", "00".repeat(32),
        "--checkpoint", job.resolve("cp").toString(), "--trigger", "available-now"), "TLS failed", job);
  }

  @Test
  void apiKeyWithCaFingerprintGivesExactDocuments() throws Exception {
    String index = ElasticsearchAnalyticsTest.index("apikey");
    Outcome outcome = analytics("analytics", "--source", "files:" + events, "--sink",
        "elasticsearch:" + ES_TLS_API_KEY + "/" + index, "--es-api-key-file", ES_API_KEY.toString(),
        "--es-ca-fingerprint", fingerprint(Path.of(CA)), "--checkpoint", dir.resolve("job/cp").toString(),
        "--trigger", "available-now");
    assertEquals(0, outcome.exitCode(), outcome.errorLines()::toString);
    assertEquals(Recount.windows(Recount.lines(new EventGenerator(EVENTS)), Duration.ofHours(1)),
        Recount.documents(ES, index));
  }

  @Test
  void wrongKafkaPasswordExitsOneWithOneLineAndWritesNothing() throws Exception {
    Path wrong = dir.resolve("wrong-password");
    Files.writeString(wrong, "not-the-password\n");
    Path job = dir.resolve("job");
    assertRefused(analytics("analytics", "--source", "kafka:" + KAFKA_SASL + "/" + topic,
        "--kafka-properties", kafkaProperties(wrong, false).toString(), "--warehouse", job.resolve("warehouse").toString(),
        "--checkpoint", job.resolve("cp").toString(), "--trigger", "available-now"),
        "Kafka at " + KAFKA_SASL + " refused access", job);
  }

  @Test
  void kafkaPasswordThroughAConfigProviderFile() throws Exception {
    Outcome outcome = analytics("analytics", "--source", "kafka:" + KAFKA_SASL + "/" + topic,
        "--kafka-properties", kafkaProperties(KAFKA_PASSWORD, false).toString(), "--warehouse",
        dir.resolve("job/warehouse").toString(), "--checkpoint", dir.resolve("job/cp").toString(),
        "--trigger", "available-now");
    assertEquals(0, outcome.exitCode(), outcome.errorLines()::toString);
    JsonNode metrics = Json.mapper().readTree(dir.resolve("job/metrics.json").toFile());
    assertEquals(3_000, metrics.path("records").path("read").asLong());
  }

  @Test
  void secretsOnTheCommandLineAreRefused() {
    StringWriter err = new StringWriter();
    assertEquals(2, Main.execute(new PrintWriter(err, true), "analytics", "--source", "kafka:" + KAFKA_SASL + "/" + topic,
        "--kafka-option", "sasl.jaas.config=x", "--sink", "console"));
    assertTrue(err.toString().contains("sasl.jaas.config carries a secret"), err::toString);
  }

  /** The SHA-256 fingerprint of a PEM certificate, as openssl prints it (colon-separated hex). */
  static String fingerprint(Path pem) throws Exception {
    var certificate = java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(pem));
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    StringBuilder hex = new StringBuilder();
    for (byte b : digest) {
      hex.append(hex.length() == 0 ? "" : ":").append(String.format("%02X", b));
    }
    return hex.toString();
  }
}
