package io.inlearning.spark.courses;

import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.JobRun;
import io.inlearning.spark.report.SparkInfo;
import io.inlearning.spark.text.TextFeatures;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Builds and writes the metrics.json (and report.html) of the course jobs. */
final class CourseReports {
  private CourseReports() {}

  /** {@code courses train} and {@code process}: {@code predictions} only for process. */
  static CourseMetrics trained(SparkSession spark, String job, String input, String output,
                               ClassifierRequest asked, CourseClassifier.Trained trained,
                               Optional<CourseMetrics.Predictions> predictions, RecordCounts counts, Phases phases) {
    return new CourseMetrics(new JobRun(job, input, output, SparkInfo.of(spark)), null, settings(asked),
        trained.training(), trained.tuning().map(ClassifierTuning.Result::report).orElse(null),
        trained.evaluation().orElse(null), predictions.orElse(null), counts, performance(counts, phases), null);
  }

  /** {@code courses classify}, with the model it loaded. */
  static CourseMetrics classified(SparkSession spark, String input, String output, String model,
                                  CourseMetrics.Predictions predictions, RecordCounts counts, Phases phases) {
    return new CourseMetrics(new JobRun("courses classify", input, output, SparkInfo.of(spark)), model, null,
        null, null, null, predictions, counts, performance(counts, phases), null);
  }

  /** metrics.json and, beside it, report.html drawn from the same figures. */
  static void write(AtomicOutput out, CourseMetrics metrics) {
    out.writeJson("metrics.json", metrics);
    out.writeText("report.html", CourseReportPage.render(metrics));
  }

  private static CourseMetrics.Performance performance(RecordCounts counts, Phases phases) {
    Map<String, Double> timings = phases.report();
    return new CourseMetrics.Performance(timings, phases.cpuReport(),
        Phases.perSecond(counts.read(), timings.get("total")));
  }

  /** The request as asked for; "recipe default" where the recipe decides. */
  private static CourseMetrics.Settings settings(ClassifierRequest request) {
    ClassifierRequest.Features features = request.features();
    ClassifierRequest.Model model = request.model();
    return new CourseMetrics.Settings(ClassifierRequest.name(model.algorithm()),
        new CourseMetrics.FeatureSettings(ClassifierRequest.name(features.recipe()),
            ClassifierRequest.name(features.vectorizer()), features.resolvedNumFeatures(),
            off(features, TextFeatures.Extra.WORD_PAIRS), off(features, TextFeatures.Extra.TITLE_CHAR_GRAMS),
            Asked.of(features.minDocFreq())),
        new CourseMetrics.ModelSettings(Asked.of(model.regParam()), model.elasticNet(), Asked.of(model.maxIter()),
            model.weights() == ClassifierRequest.ClassWeights.BALANCED,
            model.tuning() == ClassifierRequest.Tuning.CROSS_VALIDATED ? "on" : "off"));
  }

  /** False when the extra was turned off; else the recipe decides. */
  private static Asked<Boolean> off(ClassifierRequest.Features features, TextFeatures.Extra extra) {
    return Asked.of(features.shortRecipeExtras().contains(extra) ? Optional.empty() : Optional.of(false));
  }
}
