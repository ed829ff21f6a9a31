package io.inlearning.spark.elasticsearch;

import co.elastic.clients.transport.TransportUtils;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.security.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
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
 * How a job proves who it is to Elasticsearch and which server certificate it trusts. Credentials are an
 * API key, or a user and password; both come from a file or an environment variable. Trust is a CA
 * certificate file (PEM), or the SHA-256 fingerprint of the CA certificate the server presents, through
 * elasticsearch-java's {@link TransportUtils}; without either, the JVM's own trust store decides. Serializable, with
 * the certificate's text rather than its path, for Spark tasks that connect from the executors.
 */
public record ElasticsearchSecurity(Credentials credentials, Trust trust) implements Serializable {
  public static final String API_KEY_VARIABLE = "INLEARNING_ES_API_KEY";
  public static final String USER_VARIABLE = "INLEARNING_ES_USER";
  public static final String PASSWORD_VARIABLE = "INLEARNING_ES_PASSWORD";
  public static final ElasticsearchSecurity NONE = new ElasticsearchSecurity(new Credentials.None(),
      new Trust.JvmTrustStore());

  /** What the job sends to prove who it is. */
  public sealed interface Credentials extends Serializable {
    record None() implements Credentials {}

    record ApiKey(Secret key) implements Credentials {}

    record Basic(String user, Secret password) implements Credentials {}
  }

  /** Which server certificates the job trusts. */
  public sealed interface Trust extends Serializable {
    record JvmTrustStore() implements Trust {}

    /** A PEM certificate, read once where the job starts; {@code file} names it in messages. */
    record CaCertificate(String file, String pem) implements Trust {
      public static CaCertificate read(Path file) {
        try {
          return new CaCertificate(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
          throw InvalidRequestException.setting("es_ca_cert", "cannot be read: " + file);
        }
      }

      @Override
      public String toString() {
        return "CaCertificate[" + file + "]";
      }
    }

    record CaFingerprint(String sha256) implements Trust {
      public CaFingerprint {
        if (!sha256.replace(":", "").matches("(?i)[0-9a-f]{64}")) {
          throw InvalidRequestException.setting("es_ca_fingerprint",
              "must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
      }
    }
  }

  /**
   * Credentials from the given files, else from the environment (a file wins over its variable): an API key,
   * or a user with a password. Missing or empty files are refused before Spark starts.
   */
  public static Credentials credentials(Optional<String> user, Optional<Path> passwordFile, Optional<Path> apiKeyFile,
                                        Map<String, String> environment) {
    Optional<Secret> apiKey = apiKeyFile.map(file -> Secret.fromFile(file, "Elasticsearch API key"))
        .or(() -> Secret.fromEnvironment(environment, API_KEY_VARIABLE));
    Optional<Secret> password = passwordFile.map(file -> Secret.fromFile(file, "Elasticsearch password"))
        .or(() -> apiKey.isPresent() ? Optional.empty() : Secret.fromEnvironment(environment, PASSWORD_VARIABLE));
    if (apiKey.isPresent() && password.isPresent()) {
      throw InvalidRequestException.of("give Elasticsearch either an API key or a user and password, not both");
    }
    if (apiKey.isPresent()) {
      return new Credentials.ApiKey(apiKey.get());
    }
    Optional<String> name = user.or(() -> password.map(p -> environment.get(USER_VARIABLE)));
    if (name.isPresent() != password.isPresent()) {
      throw name.isEmpty()
          ? InvalidRequestException.setting("es_user", "is needed with a password (or " + USER_VARIABLE + ")")
          : InvalidRequestException.setting("es_password_file", "is needed with a user (or " + PASSWORD_VARIABLE
              + ")");
    }
    return password.<Credentials>map(secret -> new Credentials.Basic(name.get(), secret))
        .orElse(new Credentials.None());
  }

  /** A CA certificate file, or a CA fingerprint, or neither (the JVM's trust store); not both. */
  public static Trust trust(Optional<Path> caCertificate, Optional<String> caFingerprint) {
    if (caCertificate.isPresent() && caFingerprint.isPresent()) {
      throw InvalidRequestException.of("give either a CA certificate or a CA fingerprint, not both");
    }
    return caCertificate.<Trust>map(Trust.CaCertificate::read)
        .or(() -> caFingerprint.map(Trust.CaFingerprint::new))
        .orElse(new Trust.JvmTrustStore());
  }

  public boolean sendsCredentials() {
    return !(credentials instanceof Credentials.None);
  }

  public boolean customTrust() {
    return !(trust instanceof Trust.JvmTrustStore);
  }

  /** Sets the Authorization header (sent with every request, no challenge round trip) and the TLS context. */
  void configure(RestClientBuilder builder) {
    if (credentials instanceof Credentials.ApiKey apiKey) {
      builder.setDefaultHeaders(new Header[] {
          new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + apiKey.key().reveal())});
    } else if (credentials instanceof Credentials.Basic basic) {
      String token = Base64.getEncoder().encodeToString(
          (basic.user() + ":" + basic.password().reveal()).getBytes(StandardCharsets.UTF_8));
      builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic " + token)});
    }
    if (customTrust()) {
      SSLContext context = sslContext();
      builder.setHttpClientConfigCallback(client -> client.setSSLContext(context));
    }
  }

  private SSLContext sslContext() {
    if (trust instanceof Trust.CaFingerprint fingerprint) {
      return TransportUtils.sslContextFromCaFingerprint(fingerprint.sha256().replace(":", ""));
    }
    Trust.CaCertificate ca = (Trust.CaCertificate) trust;
    try {
      return TransportUtils.sslContextFromHttpCaCrt(new ByteArrayInputStream(ca.pem().getBytes(StandardCharsets.US_ASCII)));
    } catch (RuntimeException e) {
      throw InvalidRequestException.of("cannot load the CA certificate " + ca.file() + ": " + e.getMessage());
    }
  }

  /** The kind of credentials and where they came from, never a value; and whom the job trusts. */
  public record Description(String credentials, String trust) {}

  public Description describe() {
    String who = "none";
    if (credentials instanceof Credentials.ApiKey apiKey) {
      who = "api key (" + apiKey.key().origin() + ")";
    } else if (credentials instanceof Credentials.Basic basic) {
      who = "user " + basic.user() + " (password from " + basic.password().origin() + ")";
    }
    String whom = "JVM trust store";
    if (trust instanceof Trust.CaCertificate ca) {
      whom = "CA certificate " + ca.file();
    } else if (trust instanceof Trust.CaFingerprint) {
      whom = "CA fingerprint";
    }
    return new Description(who, whom);
  }
}
