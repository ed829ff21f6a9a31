package io.inlearning.spark.datagen;

import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.Feedback;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code generate interactions}: writes generated learner-course interactions, in parallel, atomically:
 * JSON lines, or MovieLens u.data lines (tab-separated, integer ids from 1; files named {@code *.data}).
 */
public final class GenerateInteractions {
  public record Result(String output, long interactions, double seconds) {}

  /** {@code _generated.json} beside the interactions: what was asked for and how long it took. */
  public record Summary(String job, long interactions, long users, long courses, long seed, Feedback feedback,
                        String format, int categories, Map<String, Double> timingsSeconds,
                        double interactionsPerSecond) {}

  private GenerateInteractions() {}

  public static Result run(SparkSession spark, InteractionGenerator.Options options, OutputFolder output) {
    Phases phases = new Phases(spark.sparkContext());
    try (AtomicOutput out = AtomicOutput.create(spark, output)) {
      InteractionGenerator generator = new InteractionGenerator(options);
      phases.run("generate interactions", () -> {
        if (options.format() == InteractionGenerator.Format.MOVIELENS) {
          // The .data extension lets --format auto recognise the files.
          generator.generateMovieLens(spark).write().mode("overwrite")
              .option("compression", "none").format("text").save(out.path("data"));
          RenameParts.toExtension(spark, out.path("data"), out.staging(), ".data");
        } else {
          generator.generate(spark).write().mode("overwrite").json(out.staging());
        }
      });
      out.writeJson("_generated.json", new Summary("generate interactions", options.count(), options.users(),
          options.courses(), options.seed(), options.feedback(), options.format().name().toLowerCase(Locale.ROOT),
          InteractionGenerator.CATEGORIES, phases.report(),
          Phases.perSecond(options.count(), phases.totalSeconds())));
      out.commit();
      return new Result(out.target(), options.count(), phases.totalSeconds());
    }
  }
}
