package io.inlearning.spark.cli;

import java.io.PrintWriter;

/**
 * Entry point of bench/inlearning: the application's command line plus {@code bench courses|recommend|analytics},
 * the in-JVM benchmarks. They live in the test tree so that the application jar holds the application only.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(Main.commandLine(new PrintWriter(System.err, true)).addSubcommand(new BenchCommand()).execute(args));
  }
}
