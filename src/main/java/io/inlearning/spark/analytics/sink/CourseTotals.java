package io.inlearning.spark.analytics.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.inlearning.spark.analytics.window.CourseActivity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One course's figures over the windows a sink holds, for report.html: events, enrolments and completions
 * summed, the completion rate (completions over enrolments; null without enrolments), and the most distinct
 * learners it had in one window (distinct learners cannot be added across windows).
 */
public record CourseTotals(String courseId, String category, long events, long peakLearners, long enrolments,
                           long completions, Double completionRate) {
  /** How many courses the report lists, the busiest (most events) first. */
  static final int TOP = 15;

  /** The {@link #TOP} busiest courses of a course-windows table ({@link CourseActivity#SCHEMA}). */
  static List<CourseTotals> top(Dataset<Row> courseWindows) {
    List<CourseTotals> top = new ArrayList<>();
    for (Row row : courseWindows.groupBy(col(CourseActivity.COURSE_ID))
        .agg(max(CourseActivity.CATEGORY), sum(CourseActivity.EVENTS), max(CourseActivity.LEARNERS),
            sum(CourseActivity.ENROLMENTS), sum(CourseActivity.COMPLETIONS))
        .orderBy(col("sum(" + CourseActivity.EVENTS + ")").desc(), col(CourseActivity.COURSE_ID))
        .limit(TOP).collectAsList()) {
      top.add(of(row.getString(0), row.getString(1), row.getLong(2), row.isNullAt(3) ? 0 : row.getLong(3),
          row.getLong(4), row.getLong(5)));
    }
    return top;
  }

  /** The {@link #TOP} busiest courses of course windows read back one by one (a search's hits). */
  static List<CourseTotals> top(Iterable<CourseTotals> windows) {
    Map<String, CourseTotals> byCourse = new HashMap<>();
    for (CourseTotals window : windows) {
      byCourse.merge(window.courseId(), window, CourseTotals::plus);
    }
    return byCourse.values().stream()
        .sorted(Comparator.comparingLong(CourseTotals::events).reversed().thenComparing(CourseTotals::courseId))
        .limit(TOP).toList();
  }

  static CourseTotals of(String courseId, String category, long events, long learners, long enrolments,
                         long completions) {
    return new CourseTotals(courseId, category, events, learners, enrolments, completions,
        enrolments == 0 ? null : (double) completions / enrolments);
  }

  private CourseTotals plus(CourseTotals other) {
    String greater = category == null || (other.category != null && other.category.compareTo(category) > 0)
        ? other.category : category;
    return of(courseId, greater, events + other.events, Math.max(peakLearners, other.peakLearners),
        enrolments + other.enrolments, completions + other.completions);
  }
}
