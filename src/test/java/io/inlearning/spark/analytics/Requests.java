package io.inlearning.spark.analytics;

import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.analytics.source.EventSource;
import io.inlearning.spark.analytics.source.OnDataLoss;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.datagen.GenerateEvents;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The requests and inputs the analytics tests build: drop folders, topics, sinks. */
final class Requests {
  private Requests() {}

  static EventSource.Files files(Path drop) {
    return new EventSource.Files(drop.toString(), 0);
  }

  /** One file per micro-batch, so that batches and their watermarks follow the files. */
  static EventSource.Files fileByFile(Path drop) {
    return new EventSource.Files(drop.toString(), 1);
  }

  static EventSource.Kafka kafka(String bootstrap, String topic) {
    return EventSource.Kafka.of(new KafkaTopic(bootstrap, topic));
  }

  static EventSource.Kafka kafkaSkippingLostOffsets(String bootstrap, String topic) {
    return new EventSource.Kafka(new KafkaTopic(bootstrap, topic), "earliest", 0, KafkaSettings.NONE,
        OnDataLoss.SKIP);
  }

  /** The window tables (and events) of a warehouse at {@code folder}. */
  static SinkTarget warehouse(Path folder) {
    return new SinkTarget.Delta(new Warehouse(folder.toString()));
  }

  static SinkTarget elasticsearch(String url, String index) {
    return elasticsearch(url, index, SinkTarget.Elasticsearch.DEFAULT_RETRY);
  }

  static SinkTarget elasticsearch(String url, String index, Duration retryFor) {
    return new SinkTarget.Elasticsearch(url, index, retryFor, ElasticsearchSecurity.NONE);
  }

  static AnalyticsRequest request(EventSource source, SinkTarget sink, Path checkpoint) {
    return AnalyticsRequest.of(source, sink, Optional.of(checkpoint.toString()));
  }

  static AnalyticsRequest.MicroBatches every(Duration interval) {
    return new AnalyticsRequest.MicroBatches.Every(interval);
  }

  static void toFolder(EventGenerator.Options events, Path drop) {
    GenerateEvents.run(GenerateEvents.Request.toFolder(events, drop));
  }

  static void toTopic(EventGenerator.Options events, String bootstrap, String topic) {
    GenerateEvents.run(GenerateEvents.Request.toTopic(events, new KafkaTopic(bootstrap, topic), KafkaSettings.NONE));
  }
}
