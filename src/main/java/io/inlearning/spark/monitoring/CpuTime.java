package io.inlearning.spark.monitoring;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM: in local mode the executors run here too, so it is the work of the whole job. */
public final class CpuTime {
  private CpuTime() {}

  /** Nanoseconds of CPU this process has used, or 0 where the JVM cannot tell. */
  public static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }
}
