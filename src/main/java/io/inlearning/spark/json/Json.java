package io.inlearning.spark.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one Jackson mapper of the reports (Jackson comes with Spark): a job's result records are written as
 * metrics.json with snake_case names ({@code macroF1} -> {@code macro_f1}) in the order of their components,
 * and read back into the same records.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Json() {}

  public static String pretty(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }

  /** On one line, for a summary printed to the console. */
  public static String compact(Object value) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }

  /** Replaces {@code file} with the JSON of {@code value} in one rename: readers never see half a file. */
  public static void writeAtomically(Path file, Object value) {
    writeTextAtomically(file, pretty(value));
  }

  /** Replaces {@code file} with {@code text} in one rename (a local file beside a checkpoint, not a job output). */
  public static void writeTextAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A metrics.json (or any report) read back into its record. */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " as " + type.getSimpleName(), e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
