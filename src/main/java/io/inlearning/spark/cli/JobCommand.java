package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.monitoring.Progress;
import io.inlearning.spark.report.Reports;
import io.inlearning.spark.session.SparkSessions;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that runs Spark jobs: opens the session, shows progress, closes it. */
abstract class JobCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  private int exitCode = 0;

  /** The application name in the Spark UI. */
  abstract String appName();

  abstract void run(SparkSession session);

  /**
   * Turns the options into the job's request and checks it where that needs no Spark (values, and the paths
   * given: inputs there and readable, outputs new and writable), so that wrong usage is refused before a
   * session starts, in the time of a JVM start.
   */
  abstract void parse(Locations locations);

  @Override
  public Integer call() {
    SparkOptions spark = ((Main) spec.root().userObject()).spark;
    parse(Locations.forSparkConf(spark.settings().conf()));
    // A session that already runs in this JVM (tests, notebooks) is reused and left running.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession session = SparkSessions.create("inlearning " + appName(), spark.settings());
    System.out.println(Reports.applicationLine(session));
    try (Progress progress = Progress.start(session.sparkContext())) {
      run(session);
    } finally {
      if (ownSession) {
        session.stop();
      }
    }
    return exitCode;
  }

  /** Reports the quality gates' refusals, one line each, and makes the exit code {@link Main#REFUSED}. */
  void refused(List<String> reasons) {
    for (String reason : reasons) {
      spec.commandLine().getErr().println("inlearning: refused: " + reason);
      exitCode = Main.REFUSED;
    }
  }
}
