package io.inlearning.spark.kafka;

import io.inlearning.spark.errors.InvalidRequestException;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client options of a consumer, admin client or producer (security.protocol, sasl.mechanism,
 * sasl.jaas.config, ssl.truststore.location...), from a Kafka client properties file and from options given
 * one by one, which win.
 *
 * <p>Secrets belong in the properties file (readable by the job's user only), directly or through Kafka's
 * own config providers ({@code ${file:PATH:KEY}}, {@code ${env:NAME}}), which the Kafka clients resolve
 * themselves. An option that carries a secret is refused when given one by one (a command line shows in
 * {@code ps} and shell histories). {@link #toString} lists the keys, never the values.
 */
public record KafkaSettings(Map<String, String> options) implements Serializable {
  public static final KafkaSettings NONE = new KafkaSettings(Map.of());

  public KafkaSettings {
    options = Map.copyOf(options);
  }

  /** The file's properties (if any), then the options given one by one. */
  public static KafkaSettings of(Optional<Path> propertiesFile, Map<String, String> oneByOne) {
    Map<String, String> options = new TreeMap<>();
    if (propertiesFile.isPresent()) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(propertiesFile.get(), StandardCharsets.UTF_8)) {
        file.load(reader);
      } catch (IOException e) {
        throw InvalidRequestException.setting("kafka_properties", "cannot be read: " + propertiesFile.get() + ": "
            + e.getClass().getSimpleName());
      }
      file.stringPropertyNames().forEach(key -> options.put(key, file.getProperty(key)));
    }
    oneByOne.forEach((key, value) -> {
      if (secret(key)) {
        throw InvalidRequestException.setting("kafka_option", key + " carries a secret: put it in the client "
            + "properties file (or reference it there with ${file:...} or ${env:...})");
      }
      options.put(key.strip(), value);
    });
    if (options.containsKey("bootstrap.servers")) {
      throw InvalidRequestException.of("the Kafka brokers come from the HOST:PORT/TOPIC address, not "
          + "bootstrap.servers");
    }
    return new KafkaSettings(options);
  }

  static boolean secret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("jaas") || lower.contains("secret")
        || lower.endsWith(".key") || lower.contains("token");
  }

  public boolean isEmpty() {
    return options.isEmpty();
  }

  @Override
  public String toString() {
    return "KafkaSettings[options=" + options.keySet() + "]";
  }
}
