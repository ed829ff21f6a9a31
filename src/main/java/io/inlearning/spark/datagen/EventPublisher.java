package io.inlearning.spark.datagen;

import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends lines to a Kafka topic, one message per line (the Kafka client comes with the Kafka source). */
public final class EventPublisher implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private Future<RecordMetadata> last;

  public EventPublisher(KafkaTopic topic) {
    this(topic, KafkaSettings.NONE);
  }

  /**
   * @param client Kafka client options (security.protocol, sasl.*, ssl.*...) over this publisher's own
   *               producer settings; never logged
   */
  public EventPublisher(KafkaTopic topic, KafkaSettings client) {
    this.topic = topic.topic();
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topic.bootstrap());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.putAll(client.options());
    producer = new KafkaProducer<>(properties);
  }

  public void send(String line) {
    last = producer.send(new ProducerRecord<>(topic, line));
  }

  /** Waits until every line sent so far is acknowledged by the broker. */
  public void flush() {
    producer.flush();
    if (last != null) {
      try {
        last.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Kafka did not accept the events: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  public String topic() {
    return topic;
  }

  @Override
  public void close() {
    producer.close();
  }
}
