package io.inlearning.spark.analytics;

import co.elastic.clients.transport.TransportUtils;
import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.security.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClientBuilder;

/**
 * How the sink proves who it is to Elasticsearch and which server certificate it trusts. Credentials are an
 * API key, or a user and password; both come from a file or an environment variable. Trust is a CA
 * certificate file (PEM), or the SHA-256 fingerprint of the CA certificate the server presents, through
 * elasticsearch-java's {@link TransportUtils}; without either, the JVM's own trust store decides.
 */
public record ElasticsearchSecurity(String user, Secret password, Secret apiKey, Path caCertificate,
                                    String caFingerprint) {
  public static final String API_KEY_VARIABLE = "INLEARNING_ES_API_KEY";
  public static final String USER_VARIABLE = "INLEARNING_ES_USER";
  public static final String PASSWORD_VARIABLE = "INLEARNING_ES_PASSWORD";
  public static final ElasticsearchSecurity NONE = new ElasticsearchSecurity(null, null, null, null, null);

  public ElasticsearchSecurity {
    if (apiKey != null && password != null) {
      throw new UsageException("give Elasticsearch either an API key or a user and password, not both");
    }
    if ((user == null) != (password == null)) {
      throw new UsageException(user == null ? "an Elasticsearch password needs --es-user (or " + USER_VARIABLE + ")"
          : "--es-user needs a password: --es-password-file FILE or " + PASSWORD_VARIABLE);
    }
    if (caCertificate != null && caFingerprint != null) {
      throw new UsageException("give either --es-ca-cert or --es-ca-fingerprint, not both");
    }
    if (caCertificate != null && !Files.isReadable(caCertificate)) {
      throw new UsageException("cannot read the CA certificate " + caCertificate);
    }
    if (caFingerprint != null && !caFingerprint.replace(":", "").matches("(?i)[0-9a-f]{64}")) {
      throw new UsageException("--es-ca-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
    }
  }

  /**
   * From the command line's files and the environment: a file wins over its variable. Missing or empty
   * files are usage errors, reported before Spark starts.
   */
  public static ElasticsearchSecurity resolve(String user, Path passwordFile, Path apiKeyFile, Path caCertificate,
                                              String caFingerprint, Map<String, String> environment) {
    Secret apiKey = apiKeyFile != null ? Secret.fromFile(apiKeyFile, "Elasticsearch API key")
        : Secret.fromEnvironment(environment, API_KEY_VARIABLE).orElse(null);
    Secret password = passwordFile != null ? Secret.fromFile(passwordFile, "Elasticsearch password")
        : apiKey == null ? Secret.fromEnvironment(environment, PASSWORD_VARIABLE).orElse(null) : null;
    String name = Optional.ofNullable(user).orElse(password == null ? null : environment.get(USER_VARIABLE));
    return new ElasticsearchSecurity(name, password, apiKey, caCertificate, caFingerprint);
  }

  boolean sendsCredentials() {
    return apiKey != null || password != null;
  }

  boolean customTrust() {
    return caCertificate != null || caFingerprint != null;
  }

  /** Sets the Authorization header (sent with every request, no challenge round trip) and the TLS context. */
  void configure(RestClientBuilder builder) {
    if (apiKey != null) {
      builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + apiKey.reveal())});
    } else if (password != null) {
      String token = Base64.getEncoder().encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + token)});
    }
    if (customTrust()) {
      SSLContext context = sslContext();
      builder.setHttpClientConfigCallback(client -> client.setSSLContext(context));
    }
  }

  private SSLContext sslContext() {
    if (caFingerprint != null) {
      return TransportUtils.sslContextFromCaFingerprint(caFingerprint.replace(":", ""));
    }
    try {
      return TransportUtils.sslContextFromHttpCaCrt(caCertificate.toFile());
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot load the CA certificate " + caCertificate + ": " + e.getMessage());
    }
  }

  /** What metrics.json and progress.json say about the connection: the kind of credentials, never a value. */
  AnalyticsMetrics.SinkConnection describe() {
    return new AnalyticsMetrics.SinkConnection(apiKey != null ? "api key (" + apiKey.origin() + ")"
        : password != null ? "user " + user + " (password from " + password.origin() + ")" : "none",
        caCertificate != null ? "CA certificate " + caCertificate
            : caFingerprint != null ? "CA fingerprint" : "JVM trust store");
  }
}
