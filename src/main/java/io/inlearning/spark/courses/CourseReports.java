package io.inlearning.spark.courses;

import io.inlearning.spark.common.AtomicOutput;
import io.inlearning.spark.common.Phases;
import io.inlearning.spark.common.RecordCounts;
import io.inlearning.spark.common.Reports;
import java.util.LinkedHashMap;
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

  static Map<String, Object> settings(ClassifierSettings settings) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("classifier", settings.algorithm().name().toLowerCase(java.util.Locale.ROOT));
    map.put("text", settings.text().name().toLowerCase(java.util.Locale.ROOT));
    map.put("vectorizer", settings.vectorizer().name().toLowerCase(java.util.Locale.ROOT));
    map.put("num_features", settings.numFeatures());
    map.put("bigrams", settings.bigrams());
    map.put("title_char_grams", settings.titleCharGrams());
    map.put("min_doc_freq", settings.minDocFreq());
    map.put("reg_param", settings.regParam() != null ? settings.regParam()
        : "auto: 1 / (" + (int) ClassifierSettings.DEFAULT_C + " x training courses)");
    map.put("elastic_net_param", settings.elasticNetParam());
    map.put("max_iter", settings.maxIter());
    map.put("balanced_class_weights", settings.balanced());
    map.put("tune", settings.tune().name().toLowerCase(java.util.Locale.ROOT));
    return map;
  }
}
