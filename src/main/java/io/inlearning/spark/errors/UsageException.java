package io.inlearning.spark.errors;

/** A problem with what the user asked for (missing input, wrong model folder...): one line, exit code 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
