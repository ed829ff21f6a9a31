package io.inlearning.spark.datagen;

import io.inlearning.spark.files.LocalFiles;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.RawArea;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code generate world}: writes a {@link WorldGenerator world} as a raw area ({@link RawArea}): courses,
 * interactions and events in one JSON lines file per kind and hour. Plain Java, no Spark: the files are
 * written in a hidden folder beside the target and renamed into place when complete.
 */
public final class GenerateWorld {
  /** What each hour holds. */
  public record HourSummary(String hour, long courses, long interactions, long events) {}

  /** {@code _world.json} in the raw area, and what the command prints. */
  public record Summary(String job, WorldGenerator.Options options, long totalCourses, List<HourSummary> hours) {}

  public record Result(String output, Summary summary, double seconds) {}

  private GenerateWorld() {}

  public static Result run(WorldGenerator.Options options, Path output) {
    long started = System.nanoTime();
    WorldGenerator world = new WorldGenerator(options);
    Path absolute = output.toAbsolutePath().normalize();
    Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".generating");
    try {
      LocalFiles.deleteRecursively(staging);
      RawArea raw = new RawArea(staging.toString());
      List<HourSummary> hours = new ArrayList<>();
      for (int h = 0; h < options.hours(); h++) {
        Hour hour = world.hour(h);
        int index = h;
        long courses = write(raw, RawArea.Kind.COURSES, hour, world.endCourse(h) - world.firstCourse(h),
            i -> Json.compact(world.course(index, world.firstCourse(index) + i)));
        long interactions = write(raw, RawArea.Kind.INTERACTIONS, hour, options.interactionsPerHour(),
            i -> Json.compact(world.interaction(index, i)));
        long events = 0;
        if (options.eventsPerHour() > 0) {
          EventGenerator generator = world.events(h);
          events = write(raw, RawArea.Kind.EVENTS, hour, options.eventsPerHour(), i -> generator.event(i).line());
        }
        hours.add(new HourSummary(hour.toString(), courses, interactions, events));
      }
      Summary summary = new Summary("generate world", options, options.totalCourses(), hours);
      Files.writeString(staging.resolve("_world.json"), Json.pretty(summary));
      Files.createDirectories(absolute.getParent());
      if (Files.isDirectory(absolute)) {
        Files.delete(absolute); // empty: the command refuses a folder with content
      }
      Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
      return new Result(absolute.toString(), summary, (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the world into " + output, e);
    } finally {
      try {
        LocalFiles.deleteRecursively(staging);
      } catch (UncheckedIOException e) {
        // Left behind after a failure: the next run starts by deleting it.
      }
    }
  }

  private interface Line {
    String at(long index);
  }

  private static long write(RawArea raw, RawArea.Kind kind, Hour hour, long count, Line line) throws IOException {
    if (count == 0) {
      return 0;
    }
    Path folder = Path.of(raw.location(kind, hour));
    Files.createDirectories(folder);
    try (BufferedWriter writer = Files.newBufferedWriter(folder.resolve(kind.folder() + "-00000.json"),
        StandardCharsets.UTF_8)) {
      for (long i = 0; i < count; i++) {
        writer.write(line.at(i));
        writer.write('\n');
      }
    }
    return count;
  }

}
