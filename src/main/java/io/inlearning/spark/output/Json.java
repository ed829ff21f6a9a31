package io.inlearning.spark.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The one Jackson mapper for reports (Jackson comes with Spark). */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static String pretty(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
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

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
