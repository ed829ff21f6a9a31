package io.inlearning.spark.datagen;

import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@code generate courses}: writes a generated catalogue as JSON lines, in parallel, atomically. */
public final class GenerateCourses {
  public record Result(String output, long courses, double seconds) {}

  /** {@code _generated.json} beside the catalogue: what was asked for and how long it took. */
  public record Summary(String job, long courses, long seed, List<String> categories, double uncategorisedFraction,
                        double labelNoise, Map<String, Double> timingsSeconds, double coursesPerSecond) {}

  private GenerateCourses() {}

  public static Result run(SparkSession spark, CourseGenerator.Options options, OutputFolder output) {
    Phases phases = new Phases(spark.sparkContext());
    try (AtomicOutput out = AtomicOutput.create(spark, output)) {
      CourseGenerator generator = new CourseGenerator(options);
      phases.run("generate courses", () ->
          generator.generate(spark).write().mode("overwrite").json(out.staging()));
      // A leading underscore keeps it out of Spark's reads of the folder.
      out.writeJson("_generated.json", new Summary("generate courses", options.count(), options.seed(),
          generator.categoryNames(), options.uncategorisedFraction(), options.labelNoise(), phases.report(),
          Phases.perSecond(options.count(), phases.totalSeconds())));
      out.commit();
      return new Result(out.target(), options.count(), phases.totalSeconds());
    }
  }
}
