package io.inlearning.spark.datagen;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@code generate courses}: writes a generated catalogue as JSON lines, in parallel, atomically. */
public final class GenerateCourses {
  public record Result(String output, long courses, double seconds) {}

  private GenerateCourses() {}

  public static Result run(SparkSession spark, CourseGenerator.Options options, String output, boolean overwrite) {
    Phases phases = new Phases(spark.sparkContext());
    try (AtomicOutput out = AtomicOutput.create(spark, output, overwrite)) {
      CourseGenerator generator = new CourseGenerator(options);
      phases.run("generate courses", () ->
          generator.generate(spark).write().mode("overwrite").json(out.staging()));
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("job", "generate courses");
      report.put("courses", options.count());
      report.put("seed", options.seed());
      report.put("categories", generator.categoryNames());
      report.put("uncategorised_fraction", options.uncategorisedFraction());
      report.put("label_noise", options.labelNoise());
      report.put("timings_seconds", phases.report());
      report.put("courses_per_second", Phases.perSecond(options.count(), phases.totalSeconds()));
      // A leading underscore keeps it out of Spark's reads of the folder.
      out.writeJson("_generated.json", report);
      out.commit();
      return new Result(out.target(), options.count(), phases.totalSeconds());
    }
  }
}
