package io.inlearning.spark.analytics;

import io.inlearning.spark.analytics.sink.CourseTotals;
import io.inlearning.spark.report.Charts;
import io.inlearning.spark.report.HtmlReport;
import io.inlearning.spark.report.JobSections;
import io.inlearning.spark.report.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * report.html of the analytics job: events per category over time, the busiest courses (learners,
 * enrolments, completions, completion rate), late events, data quality, and the seconds of each phase of the
 * micro-batches.
 */
final class AnalyticsReportPage {
  private AnalyticsReportPage() {}

  static String render(AnalyticsMetrics metrics, Map<String, SortedMap<Instant, Long>> eventsByCategory,
                       List<CourseTotals> topCourses) {
    HtmlReport page = HtmlReport.titled("InLearning: course analytics", metrics.run().input() + " -> " + metrics.run().output());
    page.section("Events per category over time");
    if (eventsByCategory.isEmpty()) {
      page.paragraph("The sink holds no window yet (or cannot be read back: console).");
    } else {
      page.paragraph("Each point is one event-time window of "
          + metrics.settings().window().replace("PT", "").toLowerCase(java.util.Locale.ROOT) + ": the number of accepted events of the category in it (the windows' course_count field).");
      page.chart(Charts.timeSeries("Events per category per window", "events", eventsByCategory));
    }
    courses(page, metrics, topCourses);
    AnalyticsMetrics.Late late = metrics.counts().late();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("rows the watermark dropped (too late for their window)",
        JobSections.count(late.rowsDroppedByWatermark())));
    if (late.eventsInWindows() != null) {
      rows.add(List.of("events in the sink's windows", JobSections.count(late.eventsInWindows())));
      rows.add(List.of("accepted events in no window (late)", JobSections.count(late.lateEventsDropped())));
    }
    page.section("Late events");
    page.table(new Table(List.of("figure", "events"), rows));
    JobSections.dataQuality(page, metrics.counts().records());
    JobSections.timings(page, metrics.performance().timingsSeconds(), "The seconds of each phase of the"
        + " micro-batches (as Spark names them), summed over the " + metrics.counts().batchesThisRun()
        + " batches of this run; total is the run's wall time.");
    return page.render();
  }

  private static void courses(HtmlReport page, AnalyticsMetrics metrics, List<CourseTotals> topCourses) {
    page.section("Busiest courses");
    if (!metrics.settings().perCourse()) {
      page.paragraph("Per-course figures are off (--no-per-course).");
      return;
    }
    if (topCourses.isEmpty()) {
      page.paragraph("The sink holds no course window yet (or cannot be read back: console).");
      return;
    }
    page.paragraph("The " + topCourses.size() + " courses with the most events over the windows the sink holds. "
        + "Peak learners: the most distinct learners in one window (learners cannot be added across windows). "
        + "Completion rate: completions over enrolments.");
    List<List<String>> rows = new ArrayList<>();
    Map<String, Number> learners = new LinkedHashMap<>();
    Map<String, Number> enrolments = new LinkedHashMap<>();
    Map<String, Number> completions = new LinkedHashMap<>();
    for (CourseTotals course : topCourses) {
      rows.add(List.of(course.courseId(), course.category() == null ? "-" : course.category(),
          JobSections.count(course.events()), JobSections.count(course.peakLearners()),
          JobSections.count(course.enrolments()), JobSections.count(course.completions()),
          course.completionRate() == null ? "-" : JobSections.percent(course.completionRate())));
      learners.put(course.courseId(), course.peakLearners());
      enrolments.put(course.courseId(), course.enrolments());
      completions.put(course.courseId(), course.completions());
    }
    page.table(new Table(List.of("course", "category", "events", "peak learners", "enrolments", "completions",
        "completion rate"), rows));
    Map<String, List<Number>> series = new LinkedHashMap<>();
    series.put("peak learners in a window", List.copyOf(learners.values()));
    series.put("enrolments", List.copyOf(enrolments.values()));
    series.put("completions", List.copyOf(completions.values()));
    page.chart(Charts.groupedBar("Busiest courses: learners, enrolments and completions", "course", "count",
        List.copyOf(learners.keySet()), series));
  }

}
