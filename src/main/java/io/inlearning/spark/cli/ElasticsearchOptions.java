package io.inlearning.spark.cli;

import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.files.Locations;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a command reaches a secured Elasticsearch: --es-user and the password, an API key, the CA to trust. */
final class ElasticsearchOptions {
  @Option(names = "--es-user", paramLabel = "NAME",
      description = "Elasticsearch user for basic authentication (or " + ElasticsearchSecurity.USER_VARIABLE
          + "); the password comes from --es-password-file or " + ElasticsearchSecurity.PASSWORD_VARIABLE)
  String user;

  @Option(names = "--es-password-file", paramLabel = "FILE", description = "file holding the Elasticsearch password")
  Path passwordFile;

  @Option(names = "--es-api-key-file", paramLabel = "FILE",
      description = "file holding an Elasticsearch API key (encoded id:key), instead of user and password; "
          + "or " + ElasticsearchSecurity.API_KEY_VARIABLE)
  Path apiKeyFile;

  @Option(names = "--es-ca-cert", paramLabel = "FILE",
      description = "PEM certificate of the CA that signed Elasticsearch's certificate (https)")
  Path caCert;

  @Option(names = "--es-ca-fingerprint", paramLabel = "SHA256",
      description = "or: the SHA-256 fingerprint of that CA certificate, as Elasticsearch prints it at first start")
  String caFingerprint;

  boolean given() {
    return user != null || passwordFile != null || apiKeyFile != null || caCert != null || caFingerprint != null;
  }

  /** The credentials and trust, their files checked before Spark starts. */
  ElasticsearchSecurity security(Locations locations) {
    requireFile(locations, "Elasticsearch password file", passwordFile);
    requireFile(locations, "Elasticsearch API key file", apiKeyFile);
    requireFile(locations, "CA certificate", caCert);
    return new ElasticsearchSecurity(
        ElasticsearchSecurity.credentials(Optional.ofNullable(user), Optional.ofNullable(passwordFile),
            Optional.ofNullable(apiKeyFile), System.getenv()),
        ElasticsearchSecurity.trust(Optional.ofNullable(caCert), Optional.ofNullable(caFingerprint)));
  }

  private static void requireFile(Locations locations, String what, Path file) {
    if (file != null) {
      locations.requireFile(what, file.toString());
    }
  }
}
