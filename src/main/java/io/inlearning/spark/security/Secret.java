package io.inlearning.spark.security;

import io.inlearning.spark.errors.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A password or key read from a file or an environment variable, never from the command line (where {@code ps}
 * and shell histories show it). {@link #toString} names where it came from and never the value, so a secret
 * inside a record or a log line stays hidden. It is serializable because Spark's tasks that write to a service
 * (publication into Elasticsearch) carry it to the executors, as Spark carries its own configuration: on a cluster
 * whose links leave the machine, turn on Spark's RPC encryption ({@code spark.network.crypto.enabled}).
 */
public final class Secret implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = value;
    this.origin = origin;
  }

  /** The file's content without its trailing line break; a missing, unreadable or empty file is a usage error. */
  public static Secret fromFile(Path file, String what) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw InvalidRequestException.of("cannot read the " + what + " from " + file + ": " + e.getClass().getSimpleName());
    }
    if (content.isEmpty()) {
      throw InvalidRequestException.of("the " + what + " file " + file + " is empty");
    }
    return new Secret(content, "file " + file);
  }

  /** The variable's value, when it is set and not blank. */
  public static Optional<Secret> fromEnvironment(Map<String, String> environment, String name) {
    String content = environment.get(name);
    return content == null || content.isBlank() ? Optional.empty()
        : Optional.of(new Secret(content.strip(), "environment variable " + name));
  }

  /** The value itself: only for the client that sends it. */
  public String reveal() {
    return value;
  }

  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "<secret from " + origin + ">";
  }
}
