package io.inlearning.spark.analytics.source;

import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The driver's own short conversations with the brokers, with the source's client settings: a check before
 * the query starts (refused credentials stop the job with one line instead of a query failing later), and
 * the earliest offsets that tell which partitions lost records.
 */
final class KafkaAdmin {
  private static final Logger LOG = LogManager.getLogger(KafkaAdmin.class);
  private static final long TIMEOUT_SECONDS = 30;

  private KafkaAdmin() {}

  /** Thrown when the brokers refuse the credentials or the rights: retrying cannot help. */
  static final class AccessRefused extends RuntimeException {
    AccessRefused(String message) {
      super(message, null, false, false);
    }
  }

  private static Admin open(String bootstrap, KafkaSettings settings) {
    Map<String, Object> config = new HashMap<>(settings.options());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    return Admin.create(config);
  }

  /** Describes the topic: refused access throws {@link AccessRefused}; anything else is left to the query. */
  static void checkAccess(KafkaTopic source, KafkaSettings settings) {
    String bootstrap = source.bootstrap();
    String topic = source.topic();
    try (Admin admin = open(bootstrap, settings)) {
      admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
        throw new AccessRefused("Kafka at " + bootstrap + " refused access to " + topic + ": " + e.getCause().getMessage());
      }
      LOG.warn("Kafka at {}: cannot describe {} yet ({}); the query will keep trying", bootstrap, topic,
          e.getCause().getMessage());
    } catch (TimeoutException e) {
      LOG.warn("Kafka at {}: no answer within {} s; the query will keep trying", bootstrap, TIMEOUT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (AuthenticationException e) {
      throw new AccessRefused("Kafka at " + bootstrap + " refused access to " + topic + ": " + e.getMessage());
    }
  }

  /** Earliest offset still held per partition ("topic-partition" -> offset); empty when the brokers do not say. */
  static Map<String, Long> earliestOffsets(String bootstrap, KafkaSettings settings, Iterable<TopicPartition> parts) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    parts.forEach(part -> request.put(part, OffsetSpec.earliest()));
    Map<String, Long> earliest = new TreeMap<>();
    try (Admin admin = open(bootstrap, settings)) {
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
          admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      offsets.forEach((part, info) -> earliest.put(part.toString(), info.offset()));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("Kafka at {}: cannot read the earliest offsets: {}", bootstrap, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return earliest;
  }
}
