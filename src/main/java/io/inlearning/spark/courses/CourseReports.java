package io.inlearning.spark.courses;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.SparkInfo;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds and writes the metrics.json (and report.html) of the course jobs. */
final class CourseReports {
  private CourseReports() {}

  /** {@code courses train} and {@code process}: {@code predictions} null for train. */
  static CourseMetrics trained(SparkSession spark, String job, CourseInput input, String output,
                               ClassifierSettings asked, CourseClassifier.Trained trained,
                               CourseMetrics.Predictions predictions, RecordCounts counts, Phases phases) {
    Map<String, Double> timings = phases.report();
    return new CourseMetrics(job, input.path(), output, SparkInfo.of(spark), null, settings(asked),
        trained.training(), trained.tuning() == null ? null : trained.tuning().report(), trained.evaluation(),
        predictions, counts, timings, phases.cpuReport(), perSecond(counts, timings));
  }

  /** {@code courses classify}, with the model it loaded. */
  static CourseMetrics classified(SparkSession spark, CourseInput input, String output, String model,
                                  CourseMetrics.Predictions predictions, RecordCounts counts, Phases phases) {
    Map<String, Double> timings = phases.report();
    return new CourseMetrics("courses classify", input.path(), output, SparkInfo.of(spark), model, null, null,
        null, null, predictions, counts, timings, phases.cpuReport(), perSecond(counts, timings));
  }

  /** metrics.json and, beside it, report.html drawn from the same figures. */
  static void write(AtomicOutput out, CourseMetrics metrics) {
    out.writeJson("metrics.json", metrics);
    out.writeText("report.html", CourseReportPage.render(metrics));
  }

  private static double perSecond(RecordCounts counts, Map<String, Double> timings) {
    return Phases.perSecond(counts.read(), timings.get("total"));
  }

  /** The settings as asked for; "recipe default" where the recipe decides. */
  private static CourseMetrics.Settings settings(ClassifierSettings settings) {
    return new CourseMetrics.Settings(name(settings.algorithm()), name(settings.text()), name(settings.vectorizer()),
        settings.numFeatures(), new Asked<>(settings.bigrams()), new Asked<>(settings.titleCharGrams()),
        new Asked<>(settings.minDocFreq()), new Asked<>(settings.regParam()), settings.elasticNetParam(),
        new Asked<>(settings.maxIter()), settings.balanced(), name(settings.tune()));
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
