package io.inlearning.spark.cli;

/**
 * Wrong use of the command line that picocli cannot see by itself: an option's value in the wrong form, options
 * that do not go together. One line and exit code 2, like picocli's own parse errors.
 */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
