package io.inlearning.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.TestSpark;
import io.inlearning.spark.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MainTest {
  @TempDir
  static Path dir;

  private String err;

  @BeforeAll
  void shareTheTestSession() {
    TestSpark.session();
  }

  private int run(String... args) {
    StringWriter buffer = new StringWriter();
    int code = Main.execute(new PrintWriter(buffer, true), args);
    err = buffer.toString();
    return code;
  }

  private void assertOneLineUsageError(int code, String expected) {
    assertEquals(Main.USAGE, code, err);
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.startsWith("inlearning: "), err);
    assertTrue(err.contains(expected), err);
  }

  @Test
  void sparkOptionsAreGlobalAndMayStandBeforeOrAfterTheCommand() {
    for (String[] args : new String[][] {
        {"--master", "spark://h:7077", "--conf", "a=1", "courses", "process", "--input", "i", "--output", "o", "--conf", "b=2"},
        {"courses", "process", "--master", "spark://h:7077", "--input", "i", "--conf", "a=1", "--output", "o", "--conf", "b=2"}}) {
      Main main = new Main();
      new picocli.CommandLine(main).parseArgs(args);
      assertEquals("spark://h:7077", main.spark.settings().master());
      assertEquals(java.util.Map.of("a", "1", "b", "2"), main.spark.settings().conf());
    }
  }

  @Test
  void helpOnAnyCommandPrintsItsUsageAndExitsZero() {
    for (String[] command : new String[][] {{"generate", "interactions"}, {"courses", "process"}, {"bench", "analytics"}}) {
      StringWriter out = new StringWriter();
      // bench is the benchmark launcher's (BenchMain) addition to the application's commands.
      picocli.CommandLine commandLine = Main.commandLine(new PrintWriter(new StringWriter(), true))
          .addSubcommand(new BenchCommand()).setOut(new PrintWriter(out, true));
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
          .toArray(String[]::new);
      assertEquals(0, commandLine.execute(args), String.join(" ", args));
      assertTrue(out.toString().startsWith("Usage: inlearning " + String.join(" ", command)), out.toString());
    }
  }

  /** picocli reads ${...} in a description as its own variable: an unescaped one printed "null". */
  @Test
  void everyCommandsHelpIsFreeOfNull() {
    List<String> helped = new ArrayList<>();
    Deque<picocli.CommandLine> commands = new ArrayDeque<>(List.of(
        Main.commandLine(new PrintWriter(new StringWriter(), true))));
    while (!commands.isEmpty()) {
      picocli.CommandLine command = commands.pop();
      commands.addAll(command.getSubcommands().values());
      String help = command.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
      assertFalse(help.contains("null"), command.getCommandSpec().qualifiedName() + ":\n" + help);
      helped.add(command.getCommandSpec().qualifiedName());
    }
    assertTrue(helped.containsAll(List.of("inlearning analytics", "inlearning generate events",
        "inlearning courses process", "inlearning recommend", "inlearning demo")), helped.toString());
    assertTrue(Main.commandLine(new PrintWriter(new StringWriter(), true)).getSubcommands().get("analytics")
        .getUsageMessage(picocli.CommandLine.Help.Ansi.OFF).contains("${file:PATH:KEY}"));
  }

  @Test
  void theApplicationCommandLineHasNoBenchmarks() {
    StringWriter err = new StringWriter();
    assertEquals(Main.USAGE, Main.execute(new PrintWriter(err, true), "bench", "courses"));
    assertTrue(err.toString().startsWith("inlearning: Unmatched argument"), err.toString());
  }

  @Test
  void wrongUsageExitsTwoWithOneLine() {
    assertOneLineUsageError(run(), "a command is required");
    assertOneLineUsageError(run("courses", "process", "--input", "x"), "--output");
    assertOneLineUsageError(run("courses", "train", "--input", "x", "--model", "m", "--bogus"), "--bogus");
    assertOneLineUsageError(run("generate", "courses", "--count", "-5", "--out", "x"), "--count must be at least 1");
    assertOneLineUsageError(run("--conf", "novalue", "courses", "process", "--input", "x", "--output", "y"),
        "KEY=VALUE");
    assertOneLineUsageError(run("courses", "process", "--input", "x", "--output", "y", "--vectorizer", "magic"),
        "--vectorizer must be one of hashing, count, got magic");
    assertOneLineUsageError(run("courses", "process", "--input", "x", "--output", "y", "--classifier", "tree"),
        "--classifier must be one of lr, svm, got tree");
    assertOneLineUsageError(run("courses", "process", "--input", "x", "--output", "y", "--text", "medium"),
        "--text must be one of auto, short, long, got medium");
  }

  @Test
  void recommendUsageErrorsExitTwoWithOneLine() {
    assertOneLineUsageError(run("recommend", "--interactions", "x", "--output", "y", "--top", "0"),
        "--top must be between 1 and 1000");
    assertOneLineUsageError(run("recommend", "--interactions", "x", "--output", "y", "--format", "xml"),
        "unknown input format 'xml'");
    assertOneLineUsageError(run("recommend", "--interactions", "x", "--output", "y", "--algorithm", "knn"),
        "--algorithm must be one of als, ease, hybrid, auto, got knn");
    assertOneLineUsageError(run("recommend", "--interactions", "x", "--output", "y", "--ease-lambda", "0"),
        "--ease-lambda must be a positive number");
    assertOneLineUsageError(run("recommend", "--interactions", dir.resolve("missing").toString(), "--output",
        dir.resolve("rec-out").toString()), "interactions not found");
    assertOneLineUsageError(run("generate", "interactions", "--users", "10", "--courses", "5", "--count", "100",
        "--out", "x", "--format", "xml"), "--format must be one of json, movielens, got xml");
    assertFalse(Files.exists(dir.resolve("rec-out")));
  }

  @Test
  void analyticsUsageErrorsExitTwoWithOneLine() {
    assertOneLineUsageError(run("analytics", "--source", "ftp:x", "--sink", "console"),
        "--source must be files:DIR or kafka:HOST:PORT/TOPIC");
    assertOneLineUsageError(run("analytics", "--source", "kafka:nohost/topic", "--sink", "console"),
        "kafka:HOST:PORT/TOPIC");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--sink", "elasticsearch:http://h:9200/idx"),
        "--checkpoint is required with the elasticsearch sink");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--warehouse", "y"),
        "--checkpoint is required with the warehouse");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--sink", "mongo:y", "--checkpoint", "c"),
        "--sink must be elasticsearch:URL/INDEX or console");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--sink", "parquet:y", "--checkpoint", "c"),
        "--sink parquet:DIR is now --warehouse DIR");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--checkpoint", "c"),
        "analytics needs --sink elasticsearch:URL/INDEX or console, --warehouse DIR, or both");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--sink", "elasticsearch:http://h:9200/Bad Index",
        "--checkpoint", "c"), "not a valid Elasticsearch index name");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--sink", "console", "--window", "soon"),
        "--window must be a duration");
    assertOneLineUsageError(run("analytics", "--source", "files:x", "--sink", "console", "--trigger", "0s"),
        "--trigger must be longer than zero");
    assertOneLineUsageError(run("generate", "events", "--count", "10"), "needs --out DIR, --kafka");
    assertOneLineUsageError(run("generate", "events", "--count", "10", "--out", "x", "--start", "tomorrow"),
        "--start must be an ISO-8601 instant");
  }

  @Test
  void missingInputAndNonModelsAreUsageErrors() throws Exception {
    assertOneLineUsageError(run("courses", "process", "--input", dir.resolve("missing").toString(), "--output",
        dir.resolve("out").toString()), "input not found");
    assertFalse(Files.exists(dir.resolve("out")));
    Path empty = TestSpark.writeLines(dir.resolve("empty/courses.json"), java.util.List.of());
    assertOneLineUsageError(run("courses", "process", "--input", empty.toString(), "--output",
        dir.resolve("out").toString()), "input has no records");
    assertOneLineUsageError(run("courses", "classify", "--input", empty.toString(), "--model",
        dir.toString(), "--output", dir.resolve("out").toString()), "not a course model");
  }

  @Test
  void generateThenTrainThenClassifyThroughTheCommandLine() throws Exception {
    Path data = dir.resolve("data");
    Path model = dir.resolve("model");
    Path output = dir.resolve("classified");
    assertEquals(0, run("generate", "courses", "--count", "1000", "--out", data.toString(), "--seed", "3",
        "--categories", "4", "--conf", "spark.sql.shuffle.partitions=3"), err);
    assertEquals(0, run("courses", "train", "--input", data.toString(), "--model", model.toString(),
        "--max-iter", "20"), err);
    assertEquals(0, run("courses", "classify", "--input", data.toString(), "--model", model.toString(),
        "--output", output.toString()), err);

    JsonNode trained = Json.mapper().readTree(model.resolve("metrics.json").toFile());
    assertEquals(4, trained.get("training").get("categories").size());
    assertTrue(trained.get("accuracy").asDouble() > 0.7, trained.toString());
    JsonNode classified = Json.mapper().readTree(output.resolve("metrics.json").toFile());
    assertEquals(1000, classified.get("predictions").get("written").asLong());

    // A second run into the same folder must not silently replace it.
    assertOneLineUsageError(run("courses", "classify", "--input", data.toString(), "--model", model.toString(),
        "--output", output.toString()), "already exists");
    assertEquals(0, run("courses", "classify", "--input", data.toString(), "--model", model.toString(),
        "--output", output.toString(), "--overwrite"), err);
  }
}
