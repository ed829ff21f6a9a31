package io.inlearning.spark.datagen;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code generate interactions}: writes generated learner-course interactions, in parallel, atomically:
 * JSON lines, or MovieLens u.data lines (tab-separated, integer ids from 1; files named {@code *.data}).
 */
public final class GenerateInteractions {
  public record Result(String output, long interactions, double seconds) {}

  private GenerateInteractions() {}

  public static Result run(SparkSession spark, InteractionGenerator.Options options, String output,
                           boolean overwrite) {
    Phases phases = new Phases(spark.sparkContext());
    try (AtomicOutput out = AtomicOutput.create(spark, output, overwrite)) {
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
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("job", "generate interactions");
      report.put("interactions", options.count());
      report.put("users", options.users());
      report.put("courses", options.courses());
      report.put("seed", options.seed());
      report.put("feedback", options.implicit() ? "implicit" : "explicit");
      report.put("format", options.format().name().toLowerCase(Locale.ROOT));
      report.put("categories", InteractionGenerator.CATEGORIES);
      report.put("timings_seconds", phases.report());
      report.put("interactions_per_second", Phases.perSecond(options.count(), phases.totalSeconds()));
      out.writeJson("_generated.json", report);
      out.commit();
      return new Result(out.target(), options.count(), phases.totalSeconds());
    }
  }
}
