package io.inlearning.spark.cli;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An option whose value is one of an enum's constants, written in lower case. */
final class Choices {
  private Choices() {}

  static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " must be one of " + Stream.of(type.getEnumConstants())
          .map(constant -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .collect(Collectors.joining(", ")) + ", got " + value);
    }
  }
}
