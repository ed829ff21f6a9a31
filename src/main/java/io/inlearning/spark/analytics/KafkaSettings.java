package io.inlearning.spark.analytics;

import io.inlearning.spark.errors.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client settings for the source: the consumer and admin options (security.protocol, sasl.mechanism,
 * sasl.jaas.config, ssl.truststore.location...) from a Kafka client properties file and from repeatable
 * {@code --kafka-option key=value}, plus whether lost offsets stop the query.
 *
 * <p>Secrets belong in the properties file (readable by the job's user only), directly or through Kafka's
 * own config providers ({@code ${file:PATH:KEY}}, {@code ${env:NAME}}), which the Kafka clients resolve
 * themselves. Options that carry a secret are refused on the command line. {@link #toString} lists the keys,
 * never the values.
 */
public record KafkaSettings(Map<String, String> options, boolean failOnDataLoss) implements Serializable {
  public static final KafkaSettings DEFAULT = new KafkaSettings(Map.of(), true);

  public KafkaSettings {
    options = Map.copyOf(options);
  }

  /** The file's properties, then the command line's (which win); a secret on the command line is a usage error. */
  public static KafkaSettings of(Path propertiesFile, List<String> commandLine, boolean failOnDataLoss) {
    Map<String, String> options = new TreeMap<>();
    if (propertiesFile != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        file.load(reader);
      } catch (IOException e) {
        throw new UsageException("cannot read the Kafka client properties " + propertiesFile + ": "
            + e.getClass().getSimpleName());
      }
      file.stringPropertyNames().forEach(key -> options.put(key, file.getProperty(key)));
    }
    for (String option : commandLine) {
      int equals = option.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--kafka-option must look like KEY=VALUE, got '" + option + "'");
      }
      String key = option.substring(0, equals).strip();
      if (secret(key)) {
        throw new UsageException("--kafka-option " + key + " carries a secret: put it in --kafka-properties FILE"
            + " (or reference it there with ${file:...} or ${env:...})");
      }
      options.put(key, option.substring(equals + 1));
    }
    if (options.containsKey("bootstrap.servers")) {
      throw new UsageException("the Kafka brokers come from the HOST:PORT/TOPIC address, not bootstrap.servers");
    }
    return new KafkaSettings(options, failOnDataLoss);
  }

  static boolean secret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("jaas") || lower.contains("secret")
        || lower.endsWith(".key") || lower.contains("token");
  }

  @Override
  public String toString() {
    return "KafkaSettings[options=" + options.keySet() + ", failOnDataLoss=" + failOnDataLoss + "]";
  }
}
