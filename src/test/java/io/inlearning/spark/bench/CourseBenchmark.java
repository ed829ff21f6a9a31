package io.inlearning.spark.bench;

import io.inlearning.spark.courses.ClassificationReport;
import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench courses}: for each size, generates a catalogue (not timed with the job), runs
 * {@code courses process} on it, and reports courses/s per phase and peak memory.
 */
public final class CourseBenchmark {
  public record Options(List<Long> sizes, int repetitions, Path work, long seed, ClassifierRequest classifier) {}

  private CourseBenchmark() {}

  public static List<Map<String, Object>> run(SparkSession spark, Options options) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (long size : options.sizes()) {
      String data = options.work().resolve("courses-" + size).toString();
      GenerateCourses.Result generated = GenerateCourses.run(spark,
          new CourseGenerator.Options(size, options.seed(), 8, 0.1, 0.03), OutputFolder.replacingExisting(data));
      for (int rep = 1; rep <= options.repetitions(); rep++) {
        PeakMemory.reset();
        ProcessCourses.Result result = ProcessCourses.run(spark, new ProcessCourses.Request(CourseInput.of(data),
            OutputFolder.replacingExisting(options.work().resolve("out-" + size).toString()), options.classifier()));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("courses", size);
        row.put("repetition", rep);
        row.put("generate_seconds", Phases.round(generated.seconds()));
        Map<String, Double> timings = result.metrics().performance().timingsSeconds();
        row.put("timings_seconds", timings);
        row.put("cpu_seconds", result.metrics().performance().cpuSeconds());
        Map<String, Double> perPhase = new LinkedHashMap<>();
        timings.forEach((phase, seconds) -> perPhase.put(phase, Phases.perSecond(size, seconds)));
        row.put("courses_per_second", perPhase);
        ClassificationReport evaluation = result.metrics().evaluation();
        row.put("accuracy", evaluation == null ? null : evaluation.accuracy());
        row.put("macro_f1", evaluation == null ? null : evaluation.macroF1());
        row.putAll(PeakMemory.read());
        results.add(row);
        System.out.printf("%,d courses (run %d): %,.0f courses/s end to end, accuracy %s, peak heap %s MiB, "
                + "peak RSS %s MiB%n  per phase (courses/s): %s%n", size, rep, perPhase.get("total"),
            row.get("accuracy"), row.get("peak_heap_mib"), row.get("peak_rss_mib"), perPhase);
      }
    }
    return results;
  }
}
