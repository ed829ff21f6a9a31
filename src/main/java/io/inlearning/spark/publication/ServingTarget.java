package io.inlearning.spark.publication;

import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.errors.InvalidRequestException;
import java.time.Duration;

/**
 * Where the platform's applications read: an Elasticsearch cluster, its credentials and trust, the prefix of the
 * serving indices ({@code PREFIX-recommendations}, {@code PREFIX-courses}, {@code PREFIX-similar-courses}) and
 * how long a failing bulk is retried.
 */
public record ServingTarget(String url, ElasticsearchSecurity security, String prefix, Duration retryFor) {
  public static final String DEFAULT_PREFIX = "inlearning";
  public static final Duration DEFAULT_RETRY = Duration.ofMinutes(5);
  private static final String SCHEME = "elasticsearch:";

  public ServingTarget {
    if (!url.matches("https?://[^/]+")) {
      throw InvalidRequestException.setting("publish", "must look like elasticsearch:http://HOST:PORT, got '"
          + SCHEME + url + "'");
    }
    // Lower case (Elasticsearch's rule), and no '*' or ',' that would make the index patterns match others.
    if (!prefix.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
      throw InvalidRequestException.setting("publish_prefix", "must be lower-case letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit, got '" + prefix + "'");
    }
  }

  /** {@code elasticsearch:http://HOST:PORT}. */
  public static ServingTarget parse(String spec, ElasticsearchSecurity security, String prefix) {
    if (!spec.startsWith(SCHEME)) {
      throw InvalidRequestException.setting("publish", "must look like elasticsearch:http://HOST:PORT, got '"
          + spec + "'");
    }
    String url = spec.substring(SCHEME.length());
    return new ServingTarget(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, security, prefix,
        DEFAULT_RETRY);
  }

  public String describe() {
    return url + " (indices " + prefix + "-*)";
  }
}
