package io.inlearning.spark.kafka;

import io.inlearning.spark.errors.InvalidRequestException;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kafka topic and the brokers to reach it: {@code HOST:PORT[,HOST:PORT...]/TOPIC}, the one form the
 * commands take for a topic (the analytics source, the event generator).
 */
public record KafkaTopic(String bootstrap, String topic) implements Serializable {
  private static final Pattern FORM = Pattern.compile("([^:/,]+:\\d+(?:,[^:/,]+:\\d+)*)/([^/]+)");

  /** {@code HOST:PORT/TOPIC}; anything else is refused, naming {@code setting}. */
  public static KafkaTopic parse(String setting, String address) {
    Matcher matcher = FORM.matcher(address == null ? "" : address.strip());
    if (!matcher.matches()) {
      throw InvalidRequestException.setting(setting, "must look like HOST:PORT/TOPIC, got '" + address + "'");
    }
    return new KafkaTopic(matcher.group(1), matcher.group(2));
  }

  @Override
  public String toString() {
    return bootstrap + "/" + topic;
  }
}
