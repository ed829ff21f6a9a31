package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.KafkaSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Kafka client settings of any command that talks to Kafka: --kafka-properties and --kafka-option. */
final class KafkaClientOptions {
  @Option(names = "--kafka-properties", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*); "
          + "keep it readable by this user only, or reference secrets with ${file:...} / ${env:...}")
  Path properties;

  @Option(names = "--kafka-option", paramLabel = "KEY=VALUE",
      description = "one Kafka client option (repeatable; wins over --kafka-properties); secrets are refused here")
  List<String> options = new ArrayList<>();

  KafkaSettings settings(boolean failOnDataLoss) {
    return KafkaSettings.of(properties, options, failOnDataLoss);
  }
}
