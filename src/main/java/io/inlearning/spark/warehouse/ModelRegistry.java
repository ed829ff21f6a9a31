package io.inlearning.spark.warehouse;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The warehouse's models: every trained model is kept in {@code models/<kind>/<version>/}, and the file
 * {@code models/<kind>/CURRENT} names the version the jobs use. Versions are the UTC time of training, so they
 * sort in training order. {@code CURRENT} is replaced by a rename, so a reader sees the old version or the new
 * one, never a half-written name.
 */
public final class ModelRegistry {
  public enum Kind {
    CLASSIFIER("classifier"),
    RECOMMENDER("recommender");

    private final String folder;

    Kind(String folder) {
      this.folder = folder;
    }
  }

  private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final String CURRENT = "CURRENT";

  private ModelRegistry() {}

  public static String newVersion(Instant now) {
    return VERSION.format(now);
  }

  public static String location(Warehouse warehouse, Kind kind, String version) {
    return folder(warehouse, kind) + "/" + version;
  }

  /** The version in use, if a model of this kind was ever made current. */
  public static Optional<String> current(Configuration conf, Warehouse warehouse, Kind kind) {
    Path pointer = new Path(folder(warehouse, kind), CURRENT);
    try (InputStream in = pointer.getFileSystem(conf).open(pointer)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      String version = bytes.toString(StandardCharsets.UTF_8).trim();
      return version.isEmpty() ? Optional.empty() : Optional.of(version);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
  }

  /** Makes {@code version} (already saved) the one in use. */
  public static void makeCurrent(Configuration conf, Warehouse warehouse, Kind kind, String version) {
    Path pointer = new Path(folder(warehouse, kind), CURRENT);
    Path written = new Path(folder(warehouse, kind), "." + CURRENT + "-" + UUID.randomUUID());
    try {
      FileContext files = FileContext.getFileContext(pointer.toUri(), conf);
      try (OutputStream out = pointer.getFileSystem(conf).create(written, false)) {
        out.write((version + "\n").getBytes(StandardCharsets.UTF_8));
      }
      files.rename(written, pointer, Options.Rename.OVERWRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + version + " the current " + kind.folder + " in " + pointer, e);
    }
  }

  private static String folder(Warehouse warehouse, Kind kind) {
    return warehouse.root() + "/models/" + kind.folder;
  }
}
