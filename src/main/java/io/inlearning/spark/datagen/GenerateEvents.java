package io.inlearning.spark.datagen;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import io.inlearning.spark.monitoring.Phases;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code generate events}: writes generated course events as JSON lines files into a drop folder (each
 * file written under a hidden name and renamed when complete, so a consumer watching the folder never reads
 * half a file), and/or sends them to a Kafka topic. With an interval, files land one by one over time.
 * File names carry the seed and start time, so several runs can feed the same folder.
 */
public final class GenerateEvents {
  /**
   * The events to generate and where they go: a drop folder, a Kafka topic (with its client settings), or
   * both; {@code pause} between files, to watch them land.
   */
  public record Request(EventGenerator.Options events, Optional<Path> dropFolder, Optional<KafkaTopic> topic,
                        KafkaSettings client, Duration pause) {
    public Request {
      if (dropFolder.isEmpty() && topic.isEmpty()) {
        throw InvalidRequestException.of("generate events needs a drop folder, a Kafka topic or both");
      }
    }

    public static Request toFolder(EventGenerator.Options events, Path dropFolder) {
      return new Request(events, Optional.of(dropFolder), Optional.empty(), KafkaSettings.NONE, Duration.ZERO);
    }

    public static Request toTopic(EventGenerator.Options events, KafkaTopic topic, KafkaSettings client) {
      return new Request(events, Optional.empty(), Optional.of(topic), client, Duration.ZERO);
    }
  }

  public record Result(String output, long events, Report report, double seconds) {}

  /** {@code _<prefix>.generated.json} beside the files, and what the command prints: the planted figures. */
  public record Report(String job, long events, int files, String kafka, @JsonUnwrapped Arrivals arrivals,
                       @JsonUnwrapped Planted planted, double eventsPerSecond) {}

  /** The seed and the arrival times' start and span. */
  public record Arrivals(long seed, String start, String span) {}

  /** What a consumer must find: valid events per category, late ones, malformed ones by reason. */
  public record Planted(Map<String, Long> validByCategory, long lateGenerated, Map<String, Long> malformedByReason) {}

  private GenerateEvents() {}

  public static Result run(Request request) {
    EventGenerator.Options options = request.events();
    Path out = request.dropFolder().orElse(null);
    String kafka = request.topic().map(KafkaTopic::toString).orElse(null);
    long start = System.nanoTime();
    EventGenerator generator = new EventGenerator(options);
    String prefix = String.format(Locale.ROOT, "events-s%d-%d", options.seed(), options.start().getEpochSecond());
    Map<String, Long> rejections = new TreeMap<>();
    Map<String, Long> byCategory = new TreeMap<>();
    long late = 0;
    for (int file = 0; out != null && file < options.files(); file++) {
      Path target = fileName(out, prefix, file);
      if (Files.exists(target)) {
        throw InvalidRequestException.of("events already generated: " + target + " (another seed or start)");
      }
    }
    try (EventPublisher publisher = request.topic().map(topic -> new EventPublisher(topic, request.client()))
        .orElse(null)) {
      if (out != null) {
        Files.createDirectories(out);
      }
      long index = 0;
      long previousModified = Long.MIN_VALUE;
      for (int file = 0; file < options.files(); file++) {
        Path target = out == null ? null : fileName(out, prefix, file);
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
        if (!request.pause().isZero() && file < options.files() - 1) {
          Thread.sleep(request.pause().toMillis());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Report report = new Report("generate events", options.count(), out == null ? 0 : options.files(), kafka,
          new Arrivals(options.seed(), options.start().toString(), options.span().toString()),
          new Planted(byCategory, late, rejections), Phases.perSecond(options.count(), seconds));
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

  private static Path fileName(Path folder, String prefix, int file) {
    return folder.resolve(String.format(Locale.ROOT, "%s-%05d.json", prefix, file));
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
