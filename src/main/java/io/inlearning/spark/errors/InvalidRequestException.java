package io.inlearning.spark.errors;

import java.util.Optional;

/**
 * What was asked cannot be done as asked: a setting out of range, an input that is not there, an output
 * that exists. The message is in the domain's words. When one setting is at fault, {@link #setting()} names
 * it as the settings block of metrics.json does ({@code top}, {@code ease_lambda}), so that the command
 * line can name its own option instead; {@link #problem()} is the rest of the sentence.
 */
public class InvalidRequestException extends IllegalArgumentException {
  private final String setting;
  private final String problem;

  protected InvalidRequestException(String setting, String problem, String message) {
    super(message);
    this.setting = setting;
    this.problem = problem;
  }

  /** A request that is wrong as a whole, or in what it names (an input, an output). */
  public static InvalidRequestException of(String message) {
    return new InvalidRequestException(null, message, message);
  }

  /** One setting's value is wrong: "{@code setting problem}", e.g. "top must be between 1 and 1000, got 0". */
  public static InvalidRequestException setting(String setting, String problem) {
    return new InvalidRequestException(setting, problem, setting.replace('_', ' ') + " " + problem);
  }

  /** The setting at fault, in snake_case, if the problem is one setting's. */
  public Optional<String> setting() {
    return Optional.ofNullable(setting);
  }

  public String problem() {
    return problem;
  }
}
