package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.publication.ServingTarget;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a warehouse job publishes for the applications: --publish, the index prefix, the --es-* security. */
final class PublishOptions {
  @Option(names = "--publish", paramLabel = "elasticsearch:URL",
      description = "also publish into this Elasticsearch: PREFIX-recommendations and PREFIX-similar-courses (an "
          + "alias moved to each run's new index), PREFIX-courses (updated in place)")
  String publish;

  @Option(names = "--publish-prefix", paramLabel = "PREFIX",
      description = "prefix of the serving indices (default: " + ServingTarget.DEFAULT_PREFIX + ")")
  String prefix = ServingTarget.DEFAULT_PREFIX;

  @Mixin ElasticsearchOptions elasticsearch;

  /** The serving target, when --publish is given; the --es-* files checked before Spark starts. */
  Optional<ServingTarget> serving(Locations locations) {
    if (publish == null) {
      if (elasticsearch.given() || !ServingTarget.DEFAULT_PREFIX.equals(prefix)) {
        throw new UsageException("--publish-prefix and the --es-* settings apply to --publish elasticsearch:URL");
      }
      return Optional.empty();
    }
    return Optional.of(ServingTarget.parse(publish, elasticsearch.security(locations), prefix));
  }

  boolean given() {
    return publish != null;
  }
}
