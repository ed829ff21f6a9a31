package io.inlearning.spark.analytics.sink;

import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.warehouse.Warehouse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Where the analytics job's windows go, as asked for; {@link #open} gives the sink that writes there. */
public sealed interface SinkTarget {
  WindowSink open();

  /** Whether the target keeps what it was given, and so needs a checkpoint to stay exactly-once. */
  boolean keeps();

  /** {@code console}, {@code elasticsearch:URL/INDEX}, {@code delta:DIR} or both, as metrics.json says it. */
  String describe();

  /** Each batch's updated windows printed on standard output, to try things out. */
  record Console() implements SinkTarget {
    @Override
    public WindowSink open() {
      return new ConsoleSink();
    }

    @Override
    public boolean keeps() {
      return false;
    }

    @Override
    public String describe() {
      return "console";
    }
  }

  /** The warehouse's window tables ({@code category_windows}, {@code course_windows}) and its {@code events}. */
  record Delta(Warehouse warehouse) implements SinkTarget {
    @Override
    public WindowSink open() {
      return new DeltaWindowSink(warehouse);
    }

    @Override
    public boolean keeps() {
      return true;
    }

    @Override
    public String describe() {
      return "delta:" + warehouse.root();
    }
  }

  /** A live sink (Elasticsearch, the console) and the warehouse, each batch written to both. */
  record Both(SinkTarget live, Delta warehouse) implements SinkTarget {
    public Both {
      if (live instanceof Delta || live instanceof Both) {
        throw new IllegalArgumentException("the live sink of the warehouse cannot be " + live.describe());
      }
    }

    @Override
    public WindowSink open() {
      return new BothSinks(live.open(), warehouse.open());
    }

    @Override
    public boolean keeps() {
      return true;
    }

    @Override
    public String describe() {
      return live.describe() + " + " + warehouse.describe();
    }
  }

  /**
   * An index (and its {@code -courses} companion) at {@code url}; a failing bulk is retried for
   * {@code retryFor} before the batch fails.
   */
  record Elasticsearch(String url, String index, Duration retryFor, ElasticsearchSecurity security)
      implements SinkTarget {
    public static final Duration DEFAULT_RETRY = Duration.ofMinutes(5);
    /** Elasticsearch's index name rules: lower case, none of \ / * ? " < > | , # : or space, not starting with - _ +. */
    private static final Pattern INDEX_NAME = Pattern.compile("[^-_+A-Z\\\\/*?\"<>|,# :][^A-Z\\\\/*?\"<>|,# :]{0,254}");

    public Elasticsearch {
      if (!url.matches("https?://[^/]+")) {
        throw InvalidRequestException.setting("sink", "needs an http or https URL, got '" + url + "'");
      }
      if (!INDEX_NAME.matcher(index).matches() || index.equals(".") || index.equals("..")) {
        throw InvalidRequestException.of("'" + index + "' is not a valid Elasticsearch index name (lower case, no "
            + "spaces or \\/*?\"<>|,#:)");
      }
      if (retryFor.isNegative()) {
        throw InvalidRequestException.setting("sink_retry", "cannot be negative, got " + retryFor);
      }
    }

    /** {@code http://HOST:PORT/INDEX}, split at its last slash. */
    public static Elasticsearch at(String urlAndIndex, Duration retryFor, ElasticsearchSecurity security) {
      int slash = urlAndIndex.lastIndexOf('/');
      if (!urlAndIndex.matches("https?://[^/]+/[^/]+")) {
        throw InvalidRequestException.setting("sink", "must look like elasticsearch:http://HOST:PORT/INDEX, got "
            + "'elasticsearch:" + urlAndIndex + "'");
      }
      return new Elasticsearch(urlAndIndex.substring(0, slash), urlAndIndex.substring(slash + 1), retryFor, security);
    }

    @Override
    public WindowSink open() {
      return new ElasticsearchSink(this);
    }

    @Override
    public boolean keeps() {
      return true;
    }

    @Override
    public String describe() {
      return "elasticsearch:" + url + "/" + index;
    }
  }
}
