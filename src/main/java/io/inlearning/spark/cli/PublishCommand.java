package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.publication.Publication;
import io.inlearning.spark.publication.Publish;
import io.inlearning.spark.publication.ServingTarget;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", description = "Publish what is current in the warehouse into Elasticsearch: the whole "
    + "catalogue with its predictions, the current recommender's lists and similar courses (new indices behind "
    + "the aliases). The jobs' --publish does this as they go; this publishes again, e.g. after a failure.")
final class PublishCommand extends JobCommand {
  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "the warehouse to publish")
  String warehouse;

  @Option(names = "--to", required = true, paramLabel = "elasticsearch:URL", description = "where to publish")
  String to;

  @Option(names = "--publish-prefix", paramLabel = "PREFIX",
      description = "prefix of the serving indices (default: " + ServingTarget.DEFAULT_PREFIX + ")")
  String prefix = ServingTarget.DEFAULT_PREFIX;

  @Mixin ElasticsearchOptions elasticsearch;

  private Warehouse from;
  private ServingTarget target;

  @Override
  String appName() {
    return "publish";
  }

  @Override
  void parse(Locations locations) {
    from = new Warehouse(warehouse);
    locations.requireFolder("warehouse", warehouse);
    if (!locations.exists(from.location(Table.COURSES), "_delta_log")) {
      throw new UsageException("the warehouse " + warehouse + " has no courses table yet: nothing to publish");
    }
    target = ServingTarget.parse(to, elasticsearch.security(locations), prefix);
  }

  @Override
  void run(SparkSession session) {
    List<Publication> published = Publish.current(session, from, target);
    published.forEach(PublishCommand::print);
  }

  static void print(Publication publication) {
    System.out.printf("published %,d documents to %s%s in %.1f s (%,.0f documents/s)%s%n", publication.documents(),
        publication.name(), publication.name().equals(publication.index()) ? "" : " (index " + publication.index()
            + publication.replaced().map(old -> ", replacing " + old).orElse("") + ")",
        publication.seconds(), publication.documentsPerSecond(),
        publication.deleted().isEmpty() ? "" : "; deleted " + String.join(", ", publication.deleted()));
  }
}
