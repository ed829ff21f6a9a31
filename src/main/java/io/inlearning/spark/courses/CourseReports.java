package io.inlearning.spark.courses;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.Reports;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The parts of metrics.json (and report.html) every course job writes. */
final class CourseReports {
  private CourseReports() {}

  static Map<String, Object> header(SparkSession spark, String job, CourseInput input, String output) {
    return Reports.header(spark, job, input.path(), output);
  }

  static void finish(Map<String, Object> report, RecordCounts counts, Phases phases) {
    report.put("records", counts.toMap());
    Map<String, Double> timings = phases.report();
    report.put("timings_seconds", timings);
    report.put("cpu_seconds", phases.cpuReport());
    double total = timings.get("total");
    report.put("courses_per_second", Phases.round(counts.read() / Math.max(total, 1e-3)));
  }

  /** metrics.json and, beside it, report.html drawn from the same figures. */
  static void write(AtomicOutput out, Map<String, Object> report) {
    out.writeJson("metrics.json", report);
    out.writeText("report.html", CourseReportPage.render(report));
  }

  /** The settings as asked for; "recipe default" where the recipe decides ({@code training} says what it did). */
  static Map<String, Object> settings(ClassifierSettings settings) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("classifier", settings.algorithm().name().toLowerCase(Locale.ROOT));
    map.put("text", settings.text().name().toLowerCase(Locale.ROOT));
    map.put("vectorizer", settings.vectorizer().name().toLowerCase(Locale.ROOT));
    map.put("num_features", settings.numFeatures());
    map.put("bigrams", orRecipeDefault(settings.bigrams()));
    map.put("title_char_grams", orRecipeDefault(settings.titleCharGrams()));
    map.put("min_doc_freq", orRecipeDefault(settings.minDocFreq()));
    map.put("reg_param", orRecipeDefault(settings.regParam()));
    map.put("elastic_net_param", settings.elasticNetParam());
    map.put("max_iter", orRecipeDefault(settings.maxIter()));
    map.put("balanced_class_weights", settings.balanced());
    map.put("tune", settings.tune().name().toLowerCase(Locale.ROOT));
    return map;
  }

  private static Object orRecipeDefault(Object value) {
    return value != null ? value : "recipe default";
  }
}
