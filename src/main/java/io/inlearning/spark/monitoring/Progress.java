package io.inlearning.spark.monitoring;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * One line of progress while Spark works: phase (the job description), tasks done / total of the running
 * stages, records read per second. Redrawn in place on stderr when that is a terminal (and erased at the
 * end); otherwise (logs, CI) a plain line on stdout every 10 s, once a job has run that long, so that stderr
 * holds only what went wrong.
 */
public final class Progress extends SparkListener implements AutoCloseable {
  private static final String DESCRIPTION = "spark.job.description";

  private final SparkContext sparkContext;
  private final PrintStream err;
  private final boolean terminal;
  private final AtomicReference<String> phase = new AtomicReference<>("starting");
  private final AtomicLong recordsRead = new AtomicLong();
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private long lastRecords;
  private long lastNanos = startNanos;
  private boolean drawn;

  private Progress(SparkContext sparkContext, PrintStream err, boolean terminal, long periodMillis) {
    this.sparkContext = sparkContext;
    this.err = err;
    this.terminal = terminal;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "inlearning-progress");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleAtFixedRate(this::draw, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Terminal mode when the launcher saw stderr is a tty (-Dinlearning.stderr.tty=true). */
  public static Progress start(SparkContext sparkContext) {
    boolean terminal = Boolean.getBoolean("inlearning.stderr.tty");
    Progress progress = new Progress(sparkContext, terminal ? System.err : System.out, terminal,
        terminal ? 500 : 10_000);
    sparkContext.addSparkListener(progress);
    return progress;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String description = jobStart.properties() == null ? null : jobStart.properties().getProperty(DESCRIPTION);
    if (description != null) {
      // Streaming queries describe their jobs on several lines (name, id, run id, batch): keep the first.
      int newline = description.indexOf('\n');
      phase.set(newline < 0 ? description : description.substring(0, newline));
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskMetrics() != null) {
      recordsRead.addAndGet(taskEnd.taskMetrics().inputMetrics().recordsRead());
    }
  }

  private synchronized void draw() {
    try {
      SparkStatusTracker tracker = sparkContext.statusTracker();
      int done = 0;
      int total = 0;
      for (int stageId : tracker.getActiveStageIds()) {
        scala.Option<SparkStageInfo> info = tracker.getStageInfo(stageId);
        if (info.isDefined()) {
          done += info.get().numCompletedTasks();
          total += info.get().numTasks();
        }
      }
      long now = System.nanoTime();
      long records = recordsRead.get();
      double rate = (records - lastRecords) / Math.max(1e-9, (now - lastNanos) / 1e9);
      lastRecords = records;
      lastNanos = now;
      if (total == 0) {
        return;
      }
      String line = String.format(Locale.ROOT, "%s: %d/%d tasks, %,.0f records/s, %ds",
          phase.get(), done, total, rate, (now - startNanos) / 1_000_000_000L);
      if (terminal) {
        err.print("\r\033[K" + line);
        drawn = true;
      } else {
        err.println("progress: " + line);
      }
      err.flush();
    } catch (RuntimeException e) {
      // Progress is cosmetic: a stopped SparkContext must not break the job.
    }
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    sparkContext.removeSparkListener(this);
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
