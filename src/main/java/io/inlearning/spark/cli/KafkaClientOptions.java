package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.KafkaSettings;
import io.inlearning.spark.files.Locations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** The properties file, if given, is there and readable. */
  void check(Locations locations) {
    if (properties != null) {
      locations.requireFile("Kafka client properties", properties.toString());
    }
  }

  KafkaSettings settings(boolean failOnDataLoss) {
    return KafkaSettings.of(properties, options, failOnDataLoss);
  }
}
