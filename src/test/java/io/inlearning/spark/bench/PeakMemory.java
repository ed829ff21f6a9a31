package io.inlearning.spark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Peak memory of this JVM between {@link #reset()} and {@link #read()}: heap pools and, on Linux, RSS. */
final class PeakMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private PeakMemory() {}

  static void reset() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    try {
      Files.writeString(CLEAR_REFS, "5"); // Linux: resets VmHWM (peak RSS)
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux, or not allowed: the RSS peak then covers the whole process.
    }
  }

  static Map<String, Object> read() {
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    Map<String, Object> peak = new LinkedHashMap<>();
    peak.put("peak_heap_mib", heap >> 20);
    peak.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    peak.put("peak_rss_mib", rssPeakMib());
    return peak;
  }

  private static Long rssPeakMib() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return null;
  }
}
