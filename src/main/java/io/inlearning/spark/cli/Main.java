package io.inlearning.spark.cli;

import io.inlearning.spark.errors.ExistingOutputException;
import io.inlearning.spark.errors.Failures;
import io.inlearning.spark.errors.InvalidRequestException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Entry point of bin/inlearning and of spark-submit --class io.inlearning.spark.cli.Main. Parses, calls a
 * job, prints a summary. Exit codes: 0 success, 1 failure, 2 wrong usage (one line on stderr), 3 a new model
 * refused by its quality gate (one line on stderr; the current model and the serving indices stay as they were).
 */
@Command(name = "inlearning", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.JarVersion.class,
    description = "Spark jobs of the InLearning platform.",
    subcommands = {GenerateCommand.class, HourlyCommand.class, IngestCommand.class, CoursesCommand.class,
        AnalyticsCommand.class, RecommendCommand.class, PublishCommand.class, LookupCommand.class,
        DemoCommand.class})
public final class Main implements Runnable {
  public static final int USAGE = 2;
  public static final int FAILURE = 1;
  public static final int REFUSED = 3;

  @Spec
  CommandSpec spec;

  @Mixin
  SparkOptions spark;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** The version `mvn package` writes into the jar's manifest. */
  static final class JarVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"inlearning-spark " + (version == null ? "(not built by mvn package)" : version)};
    }
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code (tests call this directly). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.err, true), args);
  }

  /** Runs one command line with errors written to {@code err}. */
  public static int execute(PrintWriter err, String... args) {
    return commandLine(err).execute(args);
  }

  /**
   * The {@code inlearning} command line with its exit codes: 2 and one line for wrong usage, 1 for a failure.
   * The benchmark launcher (bench/inlearning) adds its {@code bench} command to it.
   */
  public static CommandLine commandLine(PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main()).setErr(err);
    commandLine.setParameterExceptionHandler((ex, arguments) -> {
      PrintWriter out = ex.getCommandLine().getErr();
      out.println("inlearning: " + usageMessage(ex) + " (see '"
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return USAGE;
    });
    commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      PrintWriter out = cmd.getErr();
      Optional<UsageException> usage = Failures.find(ex, UsageException.class);
      if (usage.isPresent()) {
        out.println("inlearning: " + usage.get().getMessage());
        return USAGE;
      }
      Optional<InvalidRequestException> invalid = Failures.find(ex, InvalidRequestException.class);
      if (invalid.isPresent()) {
        out.println("inlearning: " + describe(invalid.get(), cmd.getCommandSpec()));
        return USAGE;
      }
      out.println("inlearning: failed: " + describe(ex));
      if (cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--verbose")) {
        ex.printStackTrace(out);
      }
      return FAILURE;
    });
    return commandLine;
  }

  /**
   * The one line of a parse error. picocli checks required options before it reports unknown ones, so
   * {@code --inptu x} would be "missing --input": an unknown option is named first, with picocli's suggestion.
   */
  private static String usageMessage(CommandLine.ParameterException ex) {
    CommandLine command = ex.getCommandLine();
    List<String> unknown = command.getUnmatchedArguments().stream().filter(arg -> arg.startsWith("-")).toList();
    if (unknown.isEmpty()) {
      String message = ex.getMessage();
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
    String option = unknown.get(0).split("=", 2)[0];
    List<String> suggestions = new CommandLine.UnmatchedArgumentException(command, List.of(option)).getSuggestions();
    return "unknown option '" + option + "'"
        + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)");
  }

  /**
   * A request the domain refused, in the command line's words: the option of the setting at fault where the
   * command has one ({@code top} -> {@code --top}), and how to replace an existing output.
   */
  static String describe(InvalidRequestException invalid, CommandSpec command) {
    Optional<String> option = invalid.setting().map(setting -> "--" + setting.replace('_', '-'))
        .filter(name -> command.findOption(name) != null);
    String line = option.map(name -> name + " " + invalid.problem()).orElse(invalid.getMessage());
    if (invalid instanceof ExistingOutputException && command.findOption("--overwrite") != null) {
      line += " (pass --overwrite to replace it)";
    }
    return line;
  }

  /**
   * The failure in one line: the root cause's message, and where the details are. Without --verbose,
   * bin/inlearning sends Spark's own logs to a file (conf/log4j2.properties), named here once it exists.
   */
  private static String describe(Throwable error) {
    String logFile = System.getProperty("inlearning.log.file");
    boolean logged = logFile != null && Files.isRegularFile(Path.of(logFile));
    return Failures.rootMessage(error) + " (--verbose for details" + (logged ? "; log: " + logFile : "") + ")";
  }
}
