package io.inlearning.spark.datagen;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code generate events}: writes generated course events as JSON lines files into a drop folder (each
 * file written under a hidden name and renamed when complete, so a consumer watching the folder never reads
 * half a file), and/or sends them to a Kafka topic. With an interval, files land one by one over time.
 * File names carry the seed and start time, so several runs can feed the same folder.
 */
public final class GenerateEvents {
  public record Result(String output, long events, Report report, double seconds) {}

  /** {@code _<prefix>.generated.json} beside the files, and what the command prints: the planted figures. */
  public record Report(String job, long events, int files, String kafka, long seed, String start, String span,
                       Map<String, Long> validByCategory, long lateGenerated, Map<String, Long> malformedByReason,
                       double eventsPerSecond) {}

  private GenerateEvents() {}

  public static Result run(EventGenerator.Options options, Path out, String kafka, Duration interval) {
    return run(options, out, kafka, Map.of(), interval);
  }

  /** @param kafkaOptions Kafka client options for the producer (security settings), over its own */
  public static Result run(EventGenerator.Options options, Path out, String kafka, Map<String, String> kafkaOptions,
                           Duration interval) {
    if (out == null && kafka == null) {
      throw new UsageException("generate events needs --out DIR, --kafka HOST:PORT/TOPIC or both");
    }
    long start = System.nanoTime();
    EventGenerator generator = new EventGenerator(options);
    String prefix = String.format(Locale.ROOT, "events-s%d-%d", options.seed(), options.start().getEpochSecond());
    Map<String, Long> rejections = new TreeMap<>();
    Map<String, Long> byCategory = new TreeMap<>();
    long late = 0;
    try (EventPublisher publisher = kafka == null ? null : new EventPublisher(kafka, kafkaOptions)) {
      if (out != null) {
        Files.createDirectories(out);
      }
      long index = 0;
      long previousModified = Long.MIN_VALUE;
      for (int file = 0; file < options.files(); file++) {
        Path target = out == null ? null : out.resolve(String.format(Locale.ROOT, "%s-%05d.json", prefix, file));
        if (target != null && Files.exists(target)) {
          throw new UsageException("events already generated: " + target + " (another --seed or --start)");
        }
        Path hidden = target == null ? null : out.resolve("." + target.getFileName() + ".tmp");
        try (BufferedWriter writer = hidden == null ? null : Files.newBufferedWriter(hidden, StandardCharsets.UTF_8)) {
          for (; index < options.count() && generator.fileOf(index) == file; index++) {
            EventGenerator.Event event = generator.event(index);
            if (writer != null) {
              writer.write(event.line());
              writer.write('\n');
            }
            if (publisher != null) {
              publisher.send(event.line());
            }
            if (event.rejection() != null) {
              rejections.merge(event.rejection(), 1L, Long::sum);
            } else {
              byCategory.merge(event.category(), 1L, Long::sum);
              late += event.late() ? 1 : 0;
            }
          }
        }
        if (publisher != null) {
          publisher.flush();
        }
        if (target != null) {
          Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE);
          previousModified = landAfter(target, previousModified);
        }
        if (interval != null && !interval.isZero() && file < options.files() - 1) {
          Thread.sleep(interval.toMillis());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Report report = new Report("generate events", options.count(), out == null ? 0 : options.files(), kafka,
          options.seed(), options.start().toString(), options.span().toString(), byCategory, late, rejections,
          Phases.perSecond(options.count(), seconds));
      if (out != null) {
        // A leading underscore keeps it out of Spark's reads of the folder.
        Files.writeString(out.resolve("_" + prefix + ".generated.json"), Json.pretty(report));
      }
      return new Result(out == null ? kafka : out.toString(), options.count(), report, seconds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write events into " + out, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Gives the file a modification time after the previous file's. Spark's file source reads a folder in
   * modification-time order (in milliseconds): files written within the same millisecond would be read in
   * listing order, a later hour before an earlier one, and the earlier hour's events would arrive behind the
   * watermark. A real drop folder receives its files one after another; so do the generated ones.
   */
  private static long landAfter(Path file, long previous) throws IOException {
    long modified = Files.getLastModifiedTime(file).toMillis();
    if (modified <= previous) {
      modified = previous + 1;
      Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
    }
    return modified;
  }
}
