package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.publication.ElasticsearchLookup;
import io.inlearning.spark.publication.Lookup;
import io.inlearning.spark.publication.ServingTarget;
import io.inlearning.spark.publication.WarehouseLookup;
import io.inlearning.spark.session.SparkSessions;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lookup", description = "Show what the platform shows for one learner or one course, read from "
    + "the serving indices (--from elasticsearch:URL) or from the warehouse (--from warehouse:DIR).",
    subcommands = {LookupCommand.Learner.class, LookupCommand.Course.class})
final class LookupCommand {
  private static final String ELASTICSEARCH = "elasticsearch:";
  private static final String WAREHOUSE = "warehouse:";

  /** One id, one source; Spark starts only to read a warehouse. */
  abstract static class Lookout implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--from", required = true, paramLabel = "elasticsearch:URL|warehouse:DIR",
        description = "where to read")
    String from;

    @Option(names = "--publish-prefix", paramLabel = "PREFIX",
        description = "prefix of the serving indices (default: " + ServingTarget.DEFAULT_PREFIX + ")")
    String prefix = ServingTarget.DEFAULT_PREFIX;

    @Mixin ElasticsearchOptions elasticsearch;

    /** Prints what was found; false when nothing was. */
    abstract boolean show(Lookup lookup);

    @Override
    public Integer call() {
      SparkOptions spark = ((Main) spec.root().userObject()).spark;
      Locations locations = Locations.forSparkConf(spark.settings().conf());
      if (from.startsWith(ELASTICSEARCH)) {
        try (Lookup lookup = new ElasticsearchLookup(ServingTarget.parse(from, elasticsearch.security(locations),
            prefix))) {
          return answer(lookup);
        }
      }
      if (!from.startsWith(WAREHOUSE)) {
        throw new UsageException("--from must be elasticsearch:URL or warehouse:DIR, got '" + from + "'");
      }
      if (elasticsearch.given()) {
        throw new UsageException("the --es-* settings apply to --from elasticsearch:URL");
      }
      String root = from.substring(WAREHOUSE.length());
      locations.requireFolder("warehouse", root);
      boolean ownSession = SparkSession.getDefaultSession().isEmpty();
      SparkSession session = SparkSessions.create("inlearning lookup", spark.settings());
      try (Lookup lookup = new WarehouseLookup(session, new Warehouse(root))) {
        return answer(lookup);
      } finally {
        if (ownSession) {
          session.stop();
        }
      }
    }

    private int answer(Lookup lookup) {
      if (show(lookup)) {
        return 0;
      }
      spec.commandLine().getErr().println("inlearning: no " + spec.name() + " " + id + " in " + lookup.describe());
      return Main.FAILURE;
    }
  }

  @Command(name = "learner", description = "A learner's recommended courses, best first.")
  static final class Learner extends Lookout {
    @Override
    boolean show(Lookup lookup) {
      return print(lookup.learner(id), LookupCommand::printLearner);
    }
  }

  @Command(name = "course", description = "A course's category (given and predicted) and its similar courses.")
  static final class Course extends Lookout {
    @Override
    boolean show(Lookup lookup) {
      return print(lookup.course(id), LookupCommand::printCourse);
    }
  }

  /** A learner's list as the application would show it. */
  static void printLearner(Lookup.LearnerView view) {
    System.out.printf("learner %s: %d courses (recommender %s, %s)%n", view.learnerId(), view.courses().size(),
        view.modelVersion(), view.run());
    for (Lookup.RecommendedCourse course : view.courses()) {
      System.out.printf(Locale.ROOT, "%3d. %-14s %-50s %-20s %8.4f  %s%n", course.rank(), course.courseId(),
          course.title(), course.category(), course.score(), course.source());
    }
  }

  /** A course's categories and similar courses. */
  static void printCourse(Lookup.CourseView view) {
    System.out.printf("course %s: %s%n", view.courseId(), view.title());
    System.out.printf("category: %s; predicted: %s%n", view.category().orElse("(none given)"),
        view.predictedCategory().map(predicted -> predicted + view.probability()
                .map(p -> String.format(Locale.ROOT, " (probability %.3f", p)).orElse(" (")
                + view.classifierVersion().map(v -> ", classifier " + v).orElse("") + ")")
            .orElse("(not classified yet)"));
    System.out.printf("similar courses%s%n", view.recommenderVersion().map(v -> " (recommender " + v + "):")
        .orElse(": none yet"));
    for (Lookup.SimilarCourse similar : view.similar()) {
      System.out.printf(Locale.ROOT, "%3d. %-14s %-50s %-20s %8.4f%n", similar.rank(), similar.courseId(),
          similar.title(), similar.category(), similar.score());
    }
  }

  private static <T> boolean print(Optional<T> found, Consumer<T> printer) {
    found.ifPresent(printer);
    return found.isPresent();
  }
}
