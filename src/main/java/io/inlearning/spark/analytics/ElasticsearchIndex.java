package io.inlearning.spark.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.util.ObjectBuilder;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.inlearning.spark.errors.Failures;
import io.inlearning.spark.errors.UsageException;
import java.io.IOException;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * One Elasticsearch index of window documents, reached with the official Java client: the URL and index
 * name, the client, and the explicit mapping the index is created with.
 */
public final class ElasticsearchIndex implements AutoCloseable {
  /** Elasticsearch's index name rules: lower case, none of \ / * ? " < > | , # : or space, not starting with - _ +. */
  private static final Pattern INDEX_NAME = Pattern.compile("[^-_+A-Z\\\\/*?\"<>|,# :][^A-Z\\\\/*?\"<>|,# :]{0,254}");

  private final String url;
  private final String index;
  private final RestClient restClient;
  private final ElasticsearchClient client;

  public ElasticsearchIndex(String url, String index) {
    this(url, index, ElasticsearchSecurity.NONE);
  }

  public ElasticsearchIndex(String url, String index, ElasticsearchSecurity security) {
    this.url = url;
    this.index = index;
    RestClientBuilder builder = RestClient.builder(HttpHost.create(url))
        .setRequestConfigCallback(config -> config.setConnectTimeout(5_000).setSocketTimeout(60_000));
    security.configure(builder);
    this.restClient = builder.build();
    this.client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
  }

  /** Splits {@code http://HOST:PORT/INDEX} (the part after {@code elasticsearch:}) into URL and index. */
  static String[] parse(String spec) {
    int slash = spec.lastIndexOf('/');
    if (!spec.matches("https?://[^/]+/[^/]+")) {
      throw new UsageException("--sink elasticsearch must look like elasticsearch:http://HOST:PORT/INDEX, got 'elasticsearch:"
          + spec + "'");
    }
    String index = spec.substring(slash + 1);
    if (!INDEX_NAME.matcher(index).matches() || index.equals(".") || index.equals("..")) {
      throw new UsageException("'" + index + "' is not a valid Elasticsearch index name (lower case, no spaces or \\/*?\"<>|,#:)");
    }
    return new String[] {spec.substring(0, slash), index};
  }

  public ElasticsearchClient client() {
    return client;
  }

  public String index() {
    return index;
  }

  public String url() {
    return url;
  }

  /**
   * One request for the index (HEAD: needs no rights beyond the index's), so that refused credentials or an untrusted certificate stop the job
   * before anything is written; an unreachable server only throws the IOException that callers retry.
   */
  public void checkAccess() throws IOException {
    try {
      restClient.performRequest(new Request("HEAD", "/" + index));
    } catch (IOException e) {
      String refusal = refusal(url, e);
      if (refusal != null) {
        throw new AccessRefused(refusal);
      }
      throw e;
    }
  }

  /**
   * The one-line reason when a failure is a refusal that retrying cannot fix (credentials, rights, TLS
   * trust), or null for failures worth retrying (connection refused, timeouts, 429, 5xx).
   */
  static String refusal(String url, Throwable error) {
    for (Throwable t : Failures.chain(error)) {
      if (t instanceof ResponseException response) {
        int status = response.getResponse().getStatusLine().getStatusCode();
        if (status == 401) {
          return "Elasticsearch at " + url + " refused the credentials (HTTP 401): check --es-user and the password,"
              + " or the API key";
        }
        if (status == 403) {
          return "Elasticsearch at " + url + " denied access (HTTP 403): the user or API key lacks the rights"
              + " on the index";
        }
      }
      if (t instanceof ElasticsearchException es && (es.status() == 401 || es.status() == 403)) {
        return "Elasticsearch at " + url + " refused the request (HTTP " + es.status() + "): " + es.error().reason();
      }
      if (t instanceof SSLException) {
        return "Elasticsearch at " + url + ": TLS failed (" + t.getMessage() + "); to trust a private CA give"
            + " --es-ca-cert FILE or --es-ca-fingerprint SHA256";
      }
    }
    return null;
  }

  /** Credentials refused or certificate not trusted: the job stops, with nothing written. */
  public static final class AccessRefused extends RuntimeException {
    AccessRefused(String message) {
      super(message, null, false, false);
    }
  }

  /** Creates the index with its mapping unless it exists (another consumer may create it at the same time). */
  public void create() throws IOException {
    create(index, m -> m.dynamic(DynamicMapping.Strict)
        .properties(WindowAggregation.CATEGORY, p -> p.keyword(k -> k))
        .properties(WindowAggregation.WINDOW_START, p -> p.date(d -> d))
        .properties(WindowAggregation.WINDOW_END, p -> p.date(d -> d))
        .properties(WindowAggregation.COURSE_COUNT, p -> p.long_(l -> l))
        .properties(WindowAggregation.AVG_DIFFICULTY, p -> p.double_(d -> d))
        .properties(WindowAggregation.DIFFICULTY_COUNT, p -> p.long_(l -> l))
        .properties(WindowAggregation.MISSING_DIFFICULTY, p -> p.long_(l -> l))
        .properties(ElasticsearchSink.UPDATED_AT, p -> p.date(d -> d))
        .properties(ElasticsearchSink.BATCH_ID, p -> p.long_(l -> l)));
  }

  /** Creates the per-course index {@code name} with its mapping unless it exists. */
  public void createCourseIndex(String name) throws IOException {
    create(name, m -> m.dynamic(DynamicMapping.Strict)
        .properties(CourseActivity.COURSE_ID, p -> p.keyword(k -> k))
        .properties(CourseActivity.CATEGORY, p -> p.keyword(k -> k))
        .properties(CourseActivity.WINDOW_START, p -> p.date(d -> d))
        .properties(CourseActivity.WINDOW_END, p -> p.date(d -> d))
        .properties(CourseActivity.EVENTS, p -> p.long_(l -> l))
        .properties(CourseActivity.LEARNERS, p -> p.long_(l -> l))
        .properties(CourseActivity.LEARNER_EVENTS, p -> p.long_(l -> l))
        .properties(CourseActivity.ENROLMENTS, p -> p.long_(l -> l))
        .properties(CourseActivity.COMPLETIONS, p -> p.long_(l -> l))
        .properties(CourseActivity.COMPLETION_RATE, p -> p.double_(d -> d))
        .properties(ElasticsearchSink.UPDATED_AT, p -> p.date(d -> d))
        .properties(ElasticsearchSink.BATCH_ID, p -> p.long_(l -> l)));
  }

  private void create(String name, Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> mapping)
      throws IOException {
    try {
      if (client.indices().exists(e -> e.index(name)).value()) {
        return;
      }
      client.indices().create(c -> c.index(name)
          .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
          .mappings(mapping));
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    try {
      restClient.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }
}
