package io.inlearning.spark.analytics.sink;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.WindowAggregation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints each micro-batch's updated windows on standard output (for trying things out). */
public final class ConsoleSink implements WindowSink {
  @Override
  public void write(Dataset<Row> windows, long batchId) {
    System.out.println("batch " + batchId + ": updated windows");
    windows.orderBy(col(WindowAggregation.WINDOW_START), col(WindowAggregation.CATEGORY)).show(1000, false);
  }

  /** The 20 busiest course windows of the batch, and how many were updated. */
  @Override
  public void writeCourses(Dataset<Row> courseWindows, long batchId) {
    System.out.println("batch " + batchId + ": " + courseWindows.count() + " updated course windows, the busiest:");
    courseWindows.orderBy(col(CourseActivity.EVENTS).desc(), col(CourseActivity.COURSE_ID)).show(20, false);
  }

  @Override
  public String describe() {
    return "console";
  }
}
