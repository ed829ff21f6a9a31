package io.inlearning.spark.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.ObjectBuilder;
import io.inlearning.spark.errors.Failures;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.http.HttpHost;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * One Elasticsearch cluster reached with the official Java client, with its credentials and trust, and the
 * one way this platform writes to it: bulk requests retried with exponential backoff while the failures are
 * worth retrying (connection refused, 429, 5xx), until a deadline; a refusal that retrying cannot fix
 * (credentials, rights, TLS trust) stops at once with one line ({@link AccessRefused}).
 */
public final class ElasticsearchConnection implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ElasticsearchConnection.class);
  /** Documents per bulk request. */
  public static final int BULK_SIZE = 2_000;

  private final String url;
  private final RestClient restClient;
  private final ElasticsearchClient client;

  public ElasticsearchConnection(String url, ElasticsearchSecurity security) {
    this.url = url;
    RestClientBuilder builder = RestClient.builder(HttpHost.create(url))
        .setRequestConfigCallback(config -> config.setConnectTimeout(5_000).setSocketTimeout(60_000));
    security.configure(builder);
    this.restClient = builder.build();
    this.client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    if (security.sendsCredentials() && url.startsWith("http:")) {
      LOG.warn("Elasticsearch: credentials are sent over plain http to {}; use https off loopback", url);
    }
  }

  /** Without credentials, trusting the JVM's certificates. */
  public static ElasticsearchConnection open(String url) {
    return new ElasticsearchConnection(url, ElasticsearchSecurity.NONE);
  }

  public ElasticsearchClient client() {
    return client;
  }

  public String url() {
    return url;
  }

  /**
   * One request for {@code index} (HEAD: needs no rights beyond the index's), so that refused credentials or an
   * untrusted certificate stop the job before anything is written; an unreachable server only throws the
   * IOException that callers retry.
   */
  public void checkAccess(String index) throws IOException {
    try {
      restClient.performRequest(new Request("HEAD", "/" + index));
    } catch (IOException e) {
      String refusal = refusal(e);
      if (refusal != null) {
        throw new AccessRefused(refusal);
      }
      throw e;
    }
  }

  /** Creates {@code index} with one shard, no replica and {@code mapping}, unless it exists. */
  public void createIndex(String index, Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> mapping)
      throws IOException {
    try {
      if (client.indices().exists(e -> e.index(index)).value()) {
        return;
      }
      client.indices().create(c -> c.index(index)
          .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
          .mappings(mapping));
    } catch (ElasticsearchException e) {
      // Another writer may create it at the same time.
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
  }

  /**
   * The one-line reason when a failure is a refusal that retrying cannot fix (credentials, rights, TLS
   * trust), or null for failures worth retrying (connection refused, timeouts, 429, 5xx).
   */
  String refusal(Throwable error) {
    for (Throwable t : Failures.chain(error)) {
      if (t instanceof ResponseException response) {
        int status = response.getResponse().getStatusLine().getStatusCode();
        if (status == 401) {
          return "Elasticsearch at " + url + " refused the credentials (HTTP 401): check the user and password,"
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
        return "Elasticsearch at " + url + ": TLS failed (" + t.getMessage() + "); to trust a private CA, give its"
            + " certificate or its SHA-256 fingerprint";
      }
    }
    return null;
  }

  /** Credentials refused or certificate not trusted: the job stops, with nothing written. */
  public static final class AccessRefused extends RuntimeException {
    public AccessRefused(String message) {
      super(message, null, false, false);
    }
  }

  /** Some work against Elasticsearch that may be tried again. */
  public interface Attempt {
    /** Does the work, or the part still to do; returns what failed in a retryable way (empty: done). */
    List<String> run() throws IOException;
  }

  /** Some requests whose answer the caller needs, tried again as a whole. */
  public interface Call<T> {
    T call() throws IOException;
  }

  /** Sends {@code operations} in bulks of {@link #BULK_SIZE}, one at a time, each retried until {@code retryFor} has passed. */
  public void bulk(List<BulkOperation> operations, String what, Duration retryFor) {
    bulk(operations.iterator(), what, retryFor, 1);
  }

  /**
   * Sends {@code operations}, read as they come, in bulks of {@link #BULK_SIZE}, each retried like
   * {@link #retrying}; while one bulk is on the wire the caller's thread builds the next
   * (at most {@code inFlight} sent at once). Returns the documents sent; the first bulk that still fails after
   * its retries fails the whole call.
   */
  public long bulk(Iterator<BulkOperation> operations, String what, Duration retryFor, int inFlight) {
    ExecutorService senders = Executors.newFixedThreadPool(inFlight, runnable -> {
      Thread thread = new Thread(runnable, "elasticsearch-bulk");
      thread.setDaemon(true);
      return thread;
    });
    Deque<Future<?>> sending = new ArrayDeque<>();
    long sent = 0;
    try {
      while (operations.hasNext()) {
        List<BulkOperation> chunk = new ArrayList<>(BULK_SIZE);
        while (chunk.size() < BULK_SIZE && operations.hasNext()) {
          chunk.add(operations.next());
        }
        if (sending.size() == inFlight) {
          await(sending.removeFirst());
        }
        String name = "bulk of " + chunk.size() + " documents (" + what + ")";
        sending.addLast(senders.submit(() -> retrying(name, new Bulk(chunk), retryFor)));
        sent += chunk.size();
      }
      while (!sending.isEmpty()) {
        await(sending.removeFirst());
      }
      return sent;
    } finally {
      senders.shutdownNow();
    }
  }

  private static void await(Future<?> bulk) {
    try {
      bulk.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to Elasticsearch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** One bulk request; returns the operations to try again (failed with a retryable status). */
  private final class Bulk implements Attempt {
    private List<BulkOperation> operations;

    Bulk(List<BulkOperation> operations) {
      this.operations = operations;
    }

    @Override
    public List<String> run() throws IOException {
      BulkResponse response = client.bulk(BulkRequest.of(b -> b.operations(operations)));
      if (!response.errors()) {
        operations = List.of();
        return List.of();
      }
      List<BulkOperation> retry = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        BulkResponseItem item = items.get(i);
        if (item.error() == null) {
          continue;
        }
        // The position, not the id: a serving document's id is a learner's.
        String problem = "document " + (i + 1) + " of the bulk: " + item.status() + " " + item.error().type() + " " + item.error().reason();
        if (item.status() != 429 && item.status() < 500) {
          throw new IllegalStateException("Elasticsearch rejected a document: " + problem);
        }
        retry.add(operations.get(i));
        problems.add(problem);
      }
      operations = retry;
      return problems;
    }
  }

  /**
   * Runs {@code attempt} until it has nothing left to do, waiting 0.5 s, 1 s, 2 s... (at most 30 s) between
   * tries; after {@code retryFor} it fails with the last problem. Refusals fail at once.
   */
  public void retrying(String what, Attempt attempt, Duration retryFor) {
    long deadline = System.nanoTime() + retryFor.toNanos();
    long backoffMillis = 500;
    int attempts = 0;
    while (true) {
      String failure;
      attempts++;
      try {
        List<String> problems = attempt.run();
        if (problems.isEmpty()) {
          if (attempts > 1) {
            LOG.warn("Elasticsearch: {} succeeded after {} attempts", what, attempts);
          }
          return;
        }
        failure = problems.size() + " failed, e.g. " + problems.get(0);
      } catch (IOException | ElasticsearchException e) {
        String refusal = refusal(e);
        if (refusal != null) {
          throw new AccessRefused(refusal);
        }
        if (e instanceof ElasticsearchException es && es.status() != 429 && es.status() < 500) {
          throw es;
        }
        failure = e instanceof IOException ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
      }
      if (System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
        throw new IllegalStateException("Elasticsearch at " + url + ": " + what + " still failing after "
            + attempts + " attempts over " + retryFor.toSeconds() + " s: " + failure);
      }
      LOG.warn("Elasticsearch: {} failed (attempt {}), retrying in {} ms: {}", what, attempts, backoffMillis, failure);
      sleep(backoffMillis);
      backoffMillis = Math.min(30_000, backoffMillis * 2);
    }
  }

  /** {@code call}'s answer, retried like {@link #retrying}. */
  public <T> T call(String what, Call<T> call, Duration retryFor) {
    List<T> answer = new ArrayList<>(1);
    retrying(what, () -> {
      answer.clear();
      answer.add(call.call());
      return List.of();
    }, retryFor);
    return answer.get(0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
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
