package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Kafka client settings of any command that talks to Kafka: --kafka-properties and --kafka-option. */
final class KafkaClientOptions {
  // "$${": picocli would read ${file:...} as one of its own variables (and print null).
  @Option(names = "--kafka-properties", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*); "
          + "keep it readable by this user only, or reference secrets with $${file:PATH:KEY} / $${env:NAME}")
  Path properties;

  @Option(names = "--kafka-option", paramLabel = "KEY=VALUE",
      description = "one Kafka client option (repeatable; wins over --kafka-properties); secrets are refused here")
  List<String> options = new ArrayList<>();

  boolean given() {
    return properties != null || !options.isEmpty();
  }

  /** The properties file (there and readable, checked before Spark starts) and the options one by one. */
  KafkaSettings settings(Locations locations) {
    if (properties != null) {
      locations.requireFile("Kafka client properties", properties.toString());
    }
    Map<String, String> oneByOne = new TreeMap<>();
    for (String option : options) {
      int equals = option.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--kafka-option must look like KEY=VALUE, got '" + option + "'");
      }
      oneByOne.put(option.substring(0, equals).strip(), option.substring(equals + 1));
    }
    return KafkaSettings.of(Optional.ofNullable(properties), oneByOne);
  }
}
