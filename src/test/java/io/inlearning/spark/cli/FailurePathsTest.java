package io.inlearning.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.cluster.SparkSubmitProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure-path sweep: every command of bin/inlearning, run as a user runs it (the launcher, a JVM of its
 * own), with each kind of wrong usage: an unknown option, a missing value, a negative or non-numeric number, an
 * input that is missing, empty or unreadable, an output that exists or whose parent is a file or not writable, a
 * file where a folder is due and the reverse, and conflicting options. Each case is one test, and must give:
 * exit code 2, exactly one line on stderr naming the problem, no stack trace, no Spark application started
 * (the check needs no data) and nothing written, not even a log file.
 *
 * <p>It needs the application jar (scripts/test.sh builds it before the tests); without it the cases are
 * skipped. Running as root, the two permission cases are left out: root may read and write whatever the
 * cases make unreadable or unwritable, and the job would rightly go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailurePathsTest {
  @TempDir
  static Path dir;

  private Path courses;
  private Path interactions;
  private Path drop;
  private Path empty;
  private Path existing;
  private Path file;
  private Path folder;
  private Path model;
  private Path unreadable;
  private Path readOnly;
  private Path logs;

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  @BeforeAll
  void inputs() throws IOException {
    courses = TestSpark.writeLines(dir.resolve("in/courses.jsonl"), List.of(
        "{\"course_id\":\"c1\",\"title\":\"Intro to Python\",\"content\":\"loops\",\"category\":\"programming\"}",
        "{\"course_id\":\"c2\",\"title\":\"Watercolour\",\"content\":\"brushes\",\"category\":\"art\"}"));
    interactions = TestSpark.writeLines(dir.resolve("in/interactions.jsonl"), List.of(
        "{\"user_id\":\"u1\",\"course_id\":\"c1\",\"rating\":4}", "{\"user_id\":\"u2\",\"course_id\":\"c2\",\"rating\":5}"));
    drop = Files.createDirectories(dir.resolve("in/drop"));
    empty = Files.createFile(dir.resolve("in/empty.jsonl"));
    existing = TestSpark.writeLines(dir.resolve("in/existing/part-0.json"), List.of("{}")).getParent();
    file = TestSpark.writeLines(dir.resolve("in/plain.txt"), List.of("not a folder"));
    folder = Files.createDirectories(dir.resolve("in/a-folder"));
    // Passes the model check that needs no Spark (a folder with Spark ML's metadata/ and stages/).
    model = Files.createDirectories(dir.resolve("in/model"));
    Files.createDirectories(model.resolve("metadata"));
    Files.createDirectories(model.resolve("stages"));
    unreadable = TestSpark.writeLines(dir.resolve("in/unreadable.jsonl"), List.of("{\"course_id\":\"c1\"}"));
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
    readOnly = Files.createDirectories(dir.resolve("in/read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    logs = Files.createDirectories(dir.resolve("logs"));
  }

  /** One wrong command line and a piece of the one line it must print. */
  private record Case(String name, String expected, List<String> args) {
    static Case of(String name, String expected, String... args) {
      return new Case(name, expected, List.of(args));
    }
  }

  private String out(String name) {
    return dir.resolve("out").resolve(name).toString();
  }

  private List<Case> cases() {
    String c = courses.toString();
    String i = interactions.toString();
    String newOut = out("new");
    List<Case> cases = new ArrayList<>();
    // Each command: a valid command line (but for the case's change), then its wrong variants.
    Map<String, List<String>> valid = new TreeMap<>(Map.of(
        "generate courses", List.of("generate", "courses", "--count", "10", "--output", newOut),
        "generate interactions", List.of("generate", "interactions", "--users", "5", "--courses", "5", "--count", "10",
            "--output", newOut),
        "generate events", List.of("generate", "events", "--count", "10", "--output", newOut),
        "courses train", List.of("courses", "train", "--input", c, "--model", newOut),
        "courses classify", List.of("courses", "classify", "--input", c, "--model", model.toString(), "--output", newOut),
        "courses process", List.of("courses", "process", "--input", c, "--output", newOut),
        "recommend", List.of("recommend", "--interactions", i, "--output", newOut),
        "analytics", List.of("analytics", "--source", "files:" + drop, "--warehouse", newOut + "/warehouse",
            "--checkpoint", newOut + "/checkpoint"),
        "demo", List.of("demo", "--output", newOut, "--courses", "100")));
    valid.put("generate world", List.of("generate", "world", "--hours", "2", "--output", newOut));
    valid.put("ingest", List.of("ingest", "--raw", folder.toString(), "--warehouse", newOut, "--hour",
        "2026-01-05T00"));
    valid.put("hourly", List.of("hourly", "--raw", folder.toString(), "--warehouse", newOut, "--hour",
        "2026-01-05T00"));
    valid.forEach((command, args) -> {
      cases.add(new Case(command + ": unknown option", "unknown option '--bogus-option'",
          concat(args, "--bogus-option", "1")));
      List<String> withoutLastValue = args.subList(0, args.size() - 1);
      cases.add(new Case(command + ": missing value", "Missing required parameter for option '"
          + withoutLastValue.get(withoutLastValue.size() - 1) + "'", withoutLastValue));
    });
    String[] numbers = {
        "generate courses|--count", "generate courses|--categories", "generate courses|--label-noise",
        "generate interactions|--users", "generate interactions|--count",
        "generate events|--count", "generate events|--files", "generate events|--late-fraction",
        "courses train|--max-iter", "courses train|--test-fraction", "courses train|--reg-param",
        "courses train|--num-features", "courses train|--min-doc-freq",
        "courses classify|--max-record-bytes",
        "courses process|--test-fraction", "courses process|--max-record-bytes",
        "recommend|--top", "recommend|--rank", "recommend|--max-iter", "recommend|--reg-param", "recommend|--alpha",
        "recommend|--ease-lambda", "recommend|--test-fraction", "recommend|--new-course-slots",
        "analytics|--max-files-per-trigger", "analytics|--max-record-bytes", "analytics|--window",
        "analytics|--watermark", "demo|--courses", "generate world|--hours", "generate world|--courses",
        "generate world|--interactions-per-hour"};
    for (String spec : numbers) {
      String[] parts = spec.split("\\|");
      List<String> args = valid.get(parts[0]);
      boolean duration = List.of("--window", "--watermark").contains(parts[1]);
      cases.add(new Case(parts[0] + ": negative " + parts[1], parts[1], concat(args, parts[1], duration ? "-1h" : "-1")));
      cases.add(new Case(parts[0] + ": non-numeric " + parts[1], parts[1], concat(args, parts[1], "abc")));
    }

    // Inputs.
    String missing = dir.resolve("no/such/path").toString();
    cases.add(Case.of("courses process: missing input", "input not found", "courses", "process", "--input", missing,
        "--output", newOut));
    cases.add(Case.of("courses train: missing input", "input not found", "courses", "train", "--input", missing,
        "--model", newOut));
    cases.add(Case.of("courses classify: missing model", "model not found", "courses", "classify", "--input", c,
        "--model", missing, "--output", newOut));
    cases.add(Case.of("recommend: missing interactions", "interactions not found", "recommend", "--interactions",
        missing, "--output", newOut));
    cases.add(Case.of("recommend: missing catalogue", "course catalogue not found", "recommend", "--interactions",
        i, "--courses", missing, "--output", newOut));
    cases.add(Case.of("analytics: missing drop folder", "drop folder not found", "analytics", "--source",
        "files:" + missing, "--sink", "console"));
    cases.add(Case.of("ingest: missing raw area", "raw area not found", "ingest", "--raw", missing, "--hour",
        "2026-01-05T00"));
    cases.add(Case.of("ingest: raw area is a file", "raw area must be a folder", "ingest", "--raw", file.toString(),
        "--hour", "2026-01-05T00"));
    cases.add(Case.of("ingest: warehouse is a file", "warehouse must be a folder", "ingest", "--raw",
        folder.toString(), "--warehouse", file.toString(), "--hour", "2026-01-05T00"));
    cases.add(Case.of("ingest: not an hour", "--hour must be an hour as YYYY-MM-DDTHH", "ingest", "--raw",
        folder.toString(), "--hour", "2026-13-05T00"));
    cases.add(Case.of("ingest: not on the hour", "--hour must start on the hour", "ingest", "--raw",
        folder.toString(), "--hour", "2026-01-05T00:30"));
    cases.add(Case.of("hourly: missing raw area", "raw area not found", "hourly", "--raw", missing, "--hour",
        "2026-01-05T00"));
    cases.add(Case.of("hourly: not an hour", "--hour must be an hour", "hourly", "--raw", folder.toString(),
        "--hour", "yesterday"));
    cases.add(Case.of("courses train: --model with --warehouse", "--model is for --input", "courses", "train",
        "--warehouse", folder.toString(), "--model", newOut));
    cases.add(Case.of("courses train: --input without --model", "needs --model DIR", "courses", "train",
        "--input", c));
    cases.add(Case.of("courses train: both --input and --warehouse", "mutually exclusive", "courses", "train",
        "--input", c, "--warehouse", folder.toString()));
    cases.add(Case.of("courses train: warehouse without a catalogue", "has no courses table yet", "courses",
        "train", "--warehouse", folder.toString()));
    cases.add(Case.of("courses classify: warehouse without a catalogue", "has no courses table yet", "courses",
        "classify", "--warehouse", folder.toString()));
    cases.add(Case.of("courses classify: --output with --warehouse", "are for --input", "courses", "classify",
        "--warehouse", folder.toString(), "--output", newOut));
    cases.add(Case.of("courses classify: missing warehouse", "warehouse not found", "courses", "classify",
        "--warehouse", missing));
    cases.add(Case.of("recommend: both --interactions and --warehouse", "mutually exclusive", "recommend",
        "--interactions", i, "--warehouse", folder.toString()));
    cases.add(Case.of("recommend: --interactions without --output", "needs --output", "recommend",
        "--interactions", i));
    cases.add(Case.of("recommend: --history with --interactions", "--history is for --warehouse", "recommend",
        "--interactions", i, "--output", newOut, "--history", "30d"));
    cases.add(Case.of("recommend: --output with --warehouse", "--output is for --interactions", "recommend",
        "--warehouse", folder.toString(), "--output", newOut));
    cases.add(Case.of("recommend: --courses with --warehouse", "are for --interactions", "recommend",
        "--warehouse", folder.toString(), "--courses", c));
    cases.add(Case.of("recommend: warehouse without interactions", "has no interactions table yet", "recommend",
        "--warehouse", folder.toString()));
    cases.add(Case.of("recommend: missing warehouse", "warehouse not found", "recommend", "--warehouse", missing));
    cases.add(Case.of("recommend: not a duration", "--history must be a duration", "recommend", "--warehouse",
        folder.toString(), "--history", "soon"));
    cases.add(Case.of("recommend: unknown settings", "--settings must be one of choose, current", "recommend",
        "--warehouse", folder.toString(), "--settings", "best"));
    cases.add(Case.of("recommend: model flags with current settings", "reuses the current model's settings",
        "recommend", "--warehouse", folder.toString(), "--settings", "current", "--algorithm", "ease"));
    cases.add(Case.of("recommend: not an hour", "--hour must be an hour", "recommend", "--warehouse",
        folder.toString(), "--hour", "noon"));
    cases.add(Case.of("hourly: --publish without a scheme", "--publish must look like elasticsearch:http://HOST:PORT",
        "hourly", "--raw", folder.toString(), "--hour", "2026-01-05T00", "--publish", "http://127.0.0.1:9200"));
    cases.add(Case.of("hourly: an upper-case prefix", "--publish-prefix must be lower-case", "hourly", "--raw",
        folder.toString(), "--hour", "2026-01-05T00", "--publish", "elasticsearch:http://127.0.0.1:9200",
        "--publish-prefix", "InLearning"));
    cases.add(Case.of("hourly: --es-user without --publish", "apply to --publish elasticsearch:URL", "hourly",
        "--raw", folder.toString(), "--hour", "2026-01-05T00", "--es-user", "elastic"));
    cases.add(Case.of("hourly: a margin above 1", "--classifier-margin must be in [0, 1]", "hourly", "--raw",
        folder.toString(), "--hour", "2026-01-05T00", "--classifier-margin", "5"));
    cases.add(Case.of("recommend: --publish with --interactions", "are for --warehouse", "recommend",
        "--interactions", i, "--output", newOut, "--publish", "elasticsearch:http://127.0.0.1:9200"));
    cases.add(Case.of("courses classify: --publish with --input", "--publish is for --warehouse", "courses",
        "classify", "--input", c, "--model", model.toString(), "--output", newOut, "--publish",
        "elasticsearch:http://127.0.0.1:9200"));
    cases.add(Case.of("courses train: a gate with --input", "are for --warehouse", "courses", "train", "--input", c,
        "--model", newOut, "--classifier-margin", "0.1"));
    cases.add(Case.of("publish: warehouse without a catalogue", "has no courses table yet", "publish",
        "--warehouse", folder.toString(), "--to", "elasticsearch:http://127.0.0.1:9200"));
    cases.add(Case.of("lookup: unknown source", "--from must be elasticsearch:URL or warehouse:DIR", "lookup",
        "learner", "lrn-1", "--from", "mysql://db"));
    cases.add(Case.of("lookup: missing warehouse", "warehouse not found", "lookup", "course", "crs-1", "--from",
        "warehouse:" + missing));
    cases.add(Case.of("hourly: unknown last step", "--until must be one of classify, recommend", "hourly", "--raw",
        folder.toString(), "--hour", "2026-01-05T00", "--until", "ingest"));
    cases.add(Case.of("courses process: empty input", "input has no records", "courses", "process", "--input",
        empty.toString(), "--output", newOut));
    cases.add(Case.of("courses classify: empty input", "input has no records", "courses", "classify", "--input",
        empty.toString(), "--model", model.toString(), "--output", newOut));
    cases.add(Case.of("recommend: empty interactions", "interactions has no records", "recommend",
        "--interactions", empty.toString(), "--output", newOut));
    cases.add(Case.of("recommend: empty learner list", "learner list has no records", "recommend",
        "--interactions", i, "--learners", empty.toString(), "--output", newOut));
    if (!ROOT) {
      cases.add(Case.of("courses process: unreadable input", "not readable", "courses", "process", "--input",
          unreadable.toString(), "--output", newOut));
      cases.add(Case.of("recommend: unreadable interactions", "not readable", "recommend", "--interactions",
          unreadable.toString(), "--output", newOut));
    }

    // Outputs.
    String[][] outputs = {{"generate courses", "--output"}, {"generate interactions", "--output"},
        {"generate world", "--output"},
        {"courses train", "--model"}, {"courses classify", "--output"}, {"courses process", "--output"},
        {"recommend", "--output"}};
    for (String[] output : outputs) {
      List<String> args = valid.get(output[0]);
      cases.add(new Case(output[0] + ": existing output", "already exists",
          replace(args, output[1], existing.toString())));
      cases.add(new Case(output[0] + ": output under a file", "is a file",
          replace(args, output[1], file.resolve("sub").toString())));
      if (!ROOT) {
        cases.add(new Case(output[0] + ": unwritable output parent", "is not writable",
            replace(args, output[1], readOnly.resolve("sub").toString())));
      }
    }
    cases.add(Case.of("demo: output under a file (--out, the older name)", "is a file", "demo", "--out",
        file.resolve("sub").toString()));

    // A file where a folder is due, and the reverse.
    cases.add(Case.of("courses classify: model is a file", "model must be a folder", "courses", "classify",
        "--input", c, "--model", file.toString(), "--output", newOut));
    cases.add(Case.of("analytics: drop folder is a file", "drop folder must be a folder", "analytics", "--source",
        "files:" + file, "--sink", "console"));
    cases.add(Case.of("analytics: checkpoint is a file", "checkpoint must be a folder", "analytics", "--source",
        "files:" + drop, "--warehouse", newOut, "--checkpoint", file.toString()));
    cases.add(Case.of("analytics: warehouse is a file", "warehouse must be a folder", "analytics", "--source",
        "files:" + drop, "--warehouse", file.toString(), "--checkpoint", out("checkpoint")));
    cases.add(Case.of("demo: output is a file", "output must be a folder", "demo", "--out", file.toString()));
    cases.add(Case.of("generate events: drop folder is a file", "drop folder must be a folder", "generate", "events",
        "--count", "10", "--out", file.toString()));
    cases.add(Case.of("analytics: Kafka properties is a folder", "must be a file", "analytics", "--source",
        "kafka:127.0.0.1:9/events", "--sink", "console", "--kafka-properties", folder.toString()));
    cases.add(Case.of("analytics: password file is a folder", "must be a file", "analytics", "--source",
        "files:" + drop, "--sink", "elasticsearch:http://127.0.0.1:9/x", "--checkpoint", out("checkpoint"),
        "--es-user", "u", "--es-password-file", folder.toString()));
    cases.add(Case.of("analytics: CA certificate is a folder", "must be a file", "analytics", "--source",
        "files:" + drop, "--sink", "elasticsearch:https://127.0.0.1:9/x", "--checkpoint", out("checkpoint"),
        "--es-ca-cert", folder.toString()));
    cases.add(Case.of("generate events: Kafka properties is a folder", "must be a file", "generate", "events",
        "--count", "10", "--kafka", "127.0.0.1:9/events", "--kafka-properties", folder.toString()));

    // Conflicting or incomplete options.
    cases.add(Case.of("recommend: more new-course slots than places", "cannot exceed the recommendations per learner", "recommend",
        "--interactions", i, "--output", newOut, "--top", "3", "--new-course-slots", "5"));
    cases.add(Case.of("courses process: tune and a penalty", "--tune chooses the penalty", "courses", "process",
        "--input", c, "--output", newOut, "--tune", "--reg-param", "0.1"));
    cases.add(Case.of("analytics: Elasticsearch settings without Elasticsearch", "--sink elasticsearch only",
        "analytics", "--source", "files:" + drop, "--sink", "console", "--es-ca-fingerprint", "ab".repeat(32)));
    cases.add(Case.of("analytics: no checkpoint for the warehouse", "--checkpoint is required", "analytics",
        "--source", "files:" + drop, "--warehouse", newOut));
    cases.add(Case.of("analytics: no sink and no warehouse", "analytics needs --sink", "analytics",
        "--source", "files:" + drop, "--checkpoint", out("checkpoint")));
    cases.add(Case.of("analytics: unknown sink", "--sink must be", "analytics", "--source", "files:" + drop,
        "--sink", "mysql:db", "--checkpoint", out("checkpoint")));
    cases.add(Case.of("generate events: nowhere to go", "needs --out DIR, --kafka", "generate", "events",
        "--count", "10"));
    cases.add(Case.of("courses process: unknown recipe", "--text must be one of", "courses", "process", "--input", c,
        "--output", newOut, "--text", "medium"));
    cases.add(Case.of("recommend: unknown algorithm", "--algorithm must be", "recommend", "--interactions", i,
        "--output", newOut, "--algorithm", "svd"));
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> everyWrongUsageIsOneLineExitTwoAndWritesNothing() {
    Path jar = SparkSubmitProcess.appJar();
    assumeTrue(Files.isRegularFile(jar), "needs the application jar " + jar + " (scripts/test.sh builds it)");
    List<Case> cases = cases();
    System.out.println("failure-path sweep: " + cases.size() + " cases" + (ROOT ? " (running as root: the two "
        + "permission kinds left out)" : ""));
    return cases.stream().map(testCase -> DynamicTest.dynamicTest(testCase.name(), () -> check(testCase)));
  }

  private void check(Case testCase) throws Exception {
    Map<String, Long> before = tree(dir);
    ProcessBuilder builder = new ProcessBuilder(concat(List.of(Path.of("bin/inlearning").toAbsolutePath().toString()),
        testCase.args().toArray(String[]::new)));
    builder.environment().put("INLEARNING_NO_BUILD", "1");
    builder.environment().put("INLEARNING_LOG_DIR", logs.toString());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Path stdout = Files.createTempFile("sweep", ".out");
    Path stderr = Files.createTempFile("sweep", ".err");
    Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), testCase.name() + ": did not end");
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    Files.delete(stdout);
    Files.delete(stderr);
    String context = testCase.name() + "\nstderr: " + err + "\nstdout: " + out;
    assertEquals(2, process.exitValue(), context);
    assertEquals(1, err.lines().count(), context);
    assertTrue(err.startsWith("inlearning: "), context);
    assertTrue(err.contains(testCase.expected()), context);
    assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("null"), context);
    assertFalse(out.contains("Spark application"), "Spark was started: " + context);
    assertEquals(before, tree(dir), "something was written: " + context);
  }

  /** Every path under {@code root} with its size and modification time. */
  private static Map<String, Long> tree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      Map<String, Long> tree = new TreeMap<>();
      paths.forEach(path -> {
        try {
          tree.put(root.relativize(path).toString(), Files.isDirectory(path) ? -1
              : Files.size(path) * 31 + Files.getLastModifiedTime(path).toMillis());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> concat(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  /** {@code args} with the value of {@code option} replaced. */
  private static List<String> replace(List<String> args, String option, String value) {
    List<String> replaced = new ArrayList<>(args);
    replaced.set(replaced.indexOf(option) + 1, value);
    return replaced;
  }
}
