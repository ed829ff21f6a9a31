package io.inlearning.spark.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;

/**
 * Times the phases of a job. Each phase also becomes the Spark job description, so the Spark UI and the
 * progress line name it.
 */
public final class Phases {
  private final SparkContext sparkContext;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
  private final long startNanos = System.nanoTime();
  private final long startCpuNanos = CpuTime.processNanos();

  public Phases(SparkContext sparkContext) {
    this.sparkContext = sparkContext;
  }

  public <T> T run(String phase, Supplier<T> body) {
    long start = System.nanoTime();
    long startCpu = CpuTime.processNanos();
    sparkContext.setJobDescription(phase);
    try {
      return body.get();
    } finally {
      sparkContext.setJobDescription(null);
      seconds.merge(phase, (System.nanoTime() - start) / 1e9, Double::sum);
      cpuSeconds.merge(phase, (CpuTime.processNanos() - startCpu) / 1e9, Double::sum);
    }
  }

  public void run(String phase, Runnable body) {
    run(phase, () -> {
      body.run();
      return null;
    });
  }

  public double totalSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Seconds per phase in order, plus "total" (wall time since this object was made). */
  public Map<String, Double> report() {
    Map<String, Double> report = new LinkedHashMap<>();
    seconds.forEach((phase, s) -> report.put(phase, round(s)));
    report.put("total", round(totalSeconds()));
    return report;
  }

  /**
   * CPU seconds this JVM spent per phase, plus "total". In local mode the executors run in this JVM, so
   * this is the work of the job whatever else the machine is doing; on a cluster it is the driver's only.
   */
  public Map<String, Double> cpuReport() {
    Map<String, Double> report = new LinkedHashMap<>();
    cpuSeconds.forEach((phase, s) -> report.put(phase, round(s)));
    report.put("total", round((CpuTime.processNanos() - startCpuNanos) / 1e9));
    return report;
  }

  /** {@code count} per second of {@code seconds}, rounded; a run too short to time counts as one millisecond. */
  public static double perSecond(long count, double seconds) {
    return round(count / Math.max(seconds, 1e-3));
  }

  public static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
