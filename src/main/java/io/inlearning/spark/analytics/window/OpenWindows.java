package io.inlearning.spark.analytics.window;

import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The windows still open to events, with their running figures, and the event-time watermark: the state of
 * the streaming aggregation, kept on the driver and saved after every micro-batch as {@code N.json} in its
 * folder beside the query's checkpoint.
 *
 * <p>Why not Spark's state store: a streaming aggregation must be the last step of its query, so the rejected
 * events needed a second query on the same source, which parsed and validated every event again (one query
 * takes less CPU, BENCHMARKS.md, "Analytics"). Here the one query's {@code foreachBatch}
 * aggregates each batch with a plain {@code groupBy} into a few partial sums, and this class adds them up.
 * The state is small: one entry per category and open window, and one per course and open window with a
 * learner sketch of at most a few kilobytes (the watermark closes them).
 *
 * <p>Exactly once: batch N starts from the state saved by the latest batch before it, and a batch Spark
 * replays after a crash has the same events, so it computes the same state and the same figures again.
 * Batch N's file is written before its figures reach the sink; a replay overwrites it.
 *
 * <p>The watermark is computed as Spark computes it: the latest event time seen in earlier batches minus the
 * delay, never moving back. An event whose window ended at or before the watermark in force when its batch
 * starts is late: dropped and counted (Spark 3.4+ judges lateness by the batch before's watermark, one batch
 * later). Windows that end at or before the watermark are closed and forgotten.
 */
public final class OpenWindows {
  /** Saved states kept for inspection after a batch; only the latest before a batch is ever read. */
  private static final int KEPT = 10;

  /** One window's running figures; {@code difficultySum} over the {@code difficultyCount} events with a score. */
  public record Figures(String category, Instant windowStart, long events, double difficultySum, long difficultyCount) {
    Figures plus(long moreEvents, double moreSum, long moreCount) {
      return new Figures(category, windowStart, events + moreEvents, difficultySum + moreSum,
          difficultyCount + moreCount);
    }
  }

  /**
   * What {@code N.json} holds: the state after batch N (instants as ISO-8601 text, sketches as base64).
   * {@code courses} is null in files written before per-course figures.
   */
  record Saved(long batchId, String maxEventTime, String watermark, List<SavedWindow> windows,
               List<SavedCourse> courses) {}

  record SavedWindow(String category, String windowStart, long events, double difficultySum, long difficultyCount) {}

  record SavedCourse(String courseId, String windowStart, String category, long events, long learnerEvents,
                     byte[] learnerSketch, long enrolments, long completions) {}

  private record Key(String name, Instant windowStart) {}

  private final Duration window;
  private final Duration delay;
  private final Map<Key, Figures> open = new TreeMap<>(
      Comparator.comparing(Key::windowStart).thenComparing(Key::name));
  /** Per course: keyed like {@link #open}, the course id in place of the category. */
  private final Map<Key, CourseWindow> courses = new TreeMap<>(
      Comparator.comparing(Key::windowStart).thenComparing(Key::name));
  private Instant maxEventTime;
  private Instant watermark;
  /** The batch whose end this state is, once saved or read; null for a new state. */
  private Long savedAfter;

  private OpenWindows(Duration window, Duration delay) {
    this.window = window;
    this.delay = delay;
  }

  /**
   * The state batch {@code batchId} starts from: the one saved by the latest batch before it, or empty.
   * {@code last} (the state the previous batch saved, kept in memory; may be null) is returned instead of
   * reading the file when it is that state: with per-course sketches the file holds megabytes, and reading it
   * back every batch cost as much as writing it.
   */
  public static OpenWindows before(Path folder, long batchId, Duration window, Duration delay, OpenWindows last) {
    Long latest = savedBatches(folder).stream().filter(id -> id < batchId).max(Long::compare).orElse(null);
    if (last != null && latest != null && latest.equals(last.savedAfter)) {
      return last;
    }
    OpenWindows state = new OpenWindows(window, delay);
    if (latest != null) {
      state.savedAfter = latest;
      Saved saved = Json.read(file(folder, latest), Saved.class);
      state.maxEventTime = instant(saved.maxEventTime());
      state.watermark = instant(saved.watermark());
      for (SavedWindow w : saved.windows()) {
        Instant start = Instant.parse(w.windowStart());
        state.open.put(new Key(w.category(), start),
            new Figures(w.category(), start, w.events(), w.difficultySum(), w.difficultyCount()));
      }
      for (SavedCourse c : saved.courses() == null ? List.<SavedCourse>of() : saved.courses()) {
        Instant start = Instant.parse(c.windowStart());
        state.courses.put(new Key(c.courseId(), start), new CourseWindow(c.courseId(), start, c.category(),
            c.events(), c.learnerEvents(), c.learnerSketch(), c.enrolments(), c.completions()));
      }
    }
    return state;
  }

  /** The watermark in force for the batch, or null before the first event (nothing is late then). */
  public Instant watermark() {
    return watermark;
  }

  /**
   * Adds one batch's partial figures for a window (never a late one) and returns the window's figures so far.
   */
  public Figures add(String category, Instant windowStart, long events, double difficultySum, long difficultyCount) {
    return open.merge(new Key(category, windowStart),
        new Figures(category, windowStart, events, difficultySum, difficultyCount),
        (before, batch) -> before.plus(batch.events(), batch.difficultySum(), batch.difficultyCount()));
  }

  /** Adds one batch's partial figures for a course and window (never a late one) and returns its figures so far. */
  public CourseWindow add(CourseWindow batch) {
    return courses.merge(new Key(batch.courseId(), batch.windowStart()), batch, CourseWindow::plus);
  }

  /** Moves the watermark after a batch whose latest event time was {@code batchMax} (null: no event) and closes windows. */
  public void advance(Instant batchMax) {
    if (batchMax == null) {
      return;
    }
    maxEventTime = maxEventTime == null || batchMax.isAfter(maxEventTime) ? batchMax : maxEventTime;
    Instant candidate = maxEventTime.minus(delay);
    watermark = watermark == null || candidate.isAfter(watermark) ? candidate : watermark;
    open.values().removeIf(figures -> !figures.windowStart().plus(window).isAfter(watermark));
    courses.values().removeIf(figures -> !figures.windowStart().plus(window).isAfter(watermark));
  }

  int size() {
    return open.size();
  }

  int courseWindows() {
    return courses.size();
  }

  /** Saves the state after batch {@code batchId} and deletes all but the latest few. */
  public void save(Path folder, long batchId) {
    List<SavedWindow> windows = new ArrayList<>(open.size());
    for (Figures f : open.values()) {
      windows.add(new SavedWindow(f.category(), f.windowStart().toString(), f.events(), f.difficultySum(),
          f.difficultyCount()));
    }
    List<SavedCourse> saved = new ArrayList<>(courses.size());
    for (CourseWindow c : courses.values()) {
      saved.add(new SavedCourse(c.courseId(), c.windowStart().toString(), c.category(), c.events(), c.learnerEvents(),
          c.learnerSketch(), c.enrolments(), c.completions()));
    }
    // Compact: a thousand courses' sketches make megabytes, and nobody reads this file but the next batch.
    Json.writeTextAtomically(file(folder, batchId),
        Json.compact(new Saved(batchId, text(maxEventTime), text(watermark), windows, saved)));
    savedAfter = batchId;
    for (long old : savedBatches(folder)) {
      if (old <= batchId - KEPT) {
        try {
          Files.deleteIfExists(file(folder, old));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + file(folder, old), e);
        }
      }
    }
  }

  /** A window's figures as a row of {@link WindowAggregation#SCHEMA}. */
  public Row row(Figures figures) {
    Instant end = figures.windowStart().plus(window);
    Double average = figures.difficultyCount() == 0 ? null : figures.difficultySum() / figures.difficultyCount();
    return RowFactory.create(figures.category(), Timestamp.from(figures.windowStart()), Timestamp.from(end),
        figures.events(), average, figures.difficultyCount(), figures.events() - figures.difficultyCount());
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Path file(Path folder, long batchId) {
    return folder.resolve(batchId + ".json");
  }

  private static List<Long> savedBatches(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString())
          .filter(name -> name.matches("\\d+\\.json"))
          .map(name -> Long.parseLong(name.substring(0, name.length() - ".json".length())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }
}
