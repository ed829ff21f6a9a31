package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.inlearning.spark.errors.Check;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.HadoopFiles;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.publication.GateVerdict;
import io.inlearning.spark.publication.Publication;
import io.inlearning.spark.publication.Publish;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.publication.QualityGate;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.InteractionsTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code recommend --warehouse}: recommends for every learner seen in a window of the warehouse's
 * {@code interactions} (the last 90 days up to the latest ingested hour, by default), offering courses nobody
 * took yet from the {@code courses} catalogue by their text, and replaces the {@code recommendations} table
 * with the lists, each course with its title and category. The model run is {@link Recommend} itself, saved as a
 * new version under {@code models/recommender/} with the settings it used ({@code settings.json}), which becomes
 * the current one.
 *
 * <p>The daily run chooses the settings ({@code auto} on validation folds, then the held-out evaluation); the
 * hourly run reuses the current version's settings and only trains. {@link Recommend} reads record files, so the
 * window is first written as Parquet to {@code _staging/} in the warehouse: one frozen snapshot of the tables
 * for the whole run, however many times it is read, deleted at the end.
 */
public final class RecommendHistory {
  /** How far back the recommender looks when not told: a quarter of a year of learning. */
  public static final Duration DEFAULT_HISTORY = Duration.ofDays(90);
  /**
   * The courses nobody took in the window that are offered by their text: the most recently ingested ones.
   * Each is compared with every course taken in the window, so the pool bounds that work; an older course
   * nobody took in a quarter of a year is not new, only unpopular.
   */
  public static final int NEW_COURSE_POOL = 1_000;
  static final String SETTINGS_FILE = "settings.json";

  /** Where the model's settings come from: chosen in this run as requested, or those of the current version. */
  public enum Settings { CHOOSE, CURRENT }

  /** The window: its length, and its last hour (the latest hour interactions arrived in, when empty). */
  public record History(Duration length, Optional<Hour> lastHour) {
    public static final History DEFAULT = new History(DEFAULT_HISTORY, Optional.empty());

    public History {
      if (length.isNegative() || length.isZero()) {
        throw InvalidRequestException.setting("history", "must be longer than zero, got " + length);
      }
    }
  }

  /**
   * Courses nobody took in the window: the {@code pool} most recently ingested are offered by their text, in
   * the last {@code slots} places of each list.
   */
  public record NewCourses(int slots, int pool) {
    public static final NewCourses DEFAULT = new NewCourses(RecommendRequest.DEFAULT_NEW_COURSE_SLOTS,
        NEW_COURSE_POOL);

    public NewCourses {
      Check.atLeast("new_course_slots", slots, 1);
      Check.atLeast("new_course_pool", pool, 0);
    }
  }

  public record Request(Warehouse warehouse, History history, Settings settings,
                        RecommendRequest.ModelRequest model, RecommendRequest.EvaluationRequest evaluation,
                        NewCourses newCourses, Publishing publishing) {
    public Request {
      Check.between("new_course_slots", newCourses.slots(), 1, model.top());
    }

    /** The daily run's defaults: implicit feedback, {@code auto}, evaluated, the default history. */
    public static Request choosing(Warehouse warehouse) {
      return new Request(warehouse, History.DEFAULT, Settings.CHOOSE,
          RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT), RecommendRequest.EvaluationRequest.DEFAULT,
          NewCourses.DEFAULT, Publishing.WAREHOUSE_ONLY);
    }

    /**
     * The hourly run's: the current version's settings (chosen and evaluated once when there is none yet), no
     * evaluation, the history up to the latest hour ingested, so that running an earlier hour again does not
     * put older lists back.
     */
    public static Request reusing(Warehouse warehouse, Publishing publishing) {
      return new Request(warehouse, History.DEFAULT, Settings.CURRENT,
          RecommendRequest.ModelRequest.defaults(Feedback.IMPLICIT), RecommendRequest.EvaluationRequest.DEFAULT,
          NewCourses.DEFAULT, publishing);
    }

    /** Before Spark starts: the warehouse holds interactions and a catalogue. */
    public void check(Locations locations) {
      locations.requireFolder("warehouse", warehouse.root());
      for (Table table : new Table[] {Table.INTERACTIONS, Table.COURSES}) {
        if (!locations.exists(warehouse.location(table), "_delta_log")) {
          throw InvalidRequestException.of("the warehouse " + warehouse.root() + " has no " + table.folder()
              + " table yet: ingest an hour first");
        }
      }
    }
  }

  /**
   * The interactions read: {@code from <= timestamp < until}, how many, and how many of those were left out
   * because their course is not in the catalogue (a list can only show courses it has a title for); the
   * catalogue's courses nobody took in the window, and how many of them were offered by their text (the
   * pool of the most recently ingested).
   */
  public record Window(Instant from, Instant until, long interactions, long withoutCatalogueCourse,
                       long untakenCourses, long newCoursesOffered) {}

  /** The settings a version was trained with, and the version whose model selection chose them. */
  public record SavedSettings(ModelSettings settings, String chosenIn) {}

  /**
   * The new version, the window, the settings and where they were chosen, the model run, the quality gate's
   * verdict, the learners written into the recommendations table (none when refused), what was published.
   */
  public record Result(String version, Window window, SavedSettings settings, Recommend.Result recommended,
                       GateVerdict gate, long learners, List<Publication> published,
                       Map<String, Double> timingsSeconds) {}

  private RecommendHistory() {}

  public static Result run(SparkSession spark, Request request) {
    Warehouse warehouse = request.warehouse();
    Phases phases = new Phases(spark.sparkContext());
    Hour lastHour = request.history().lastHour().or(() -> InteractionsTable.latestHour(spark, warehouse))
        .orElseThrow(() -> InvalidRequestException.of("the warehouse " + warehouse.root()
            + " has no interactions yet: nothing to recommend from"));
    Instant until = lastHour.end();
    Instant from = until.minus(request.history().length());
    String version = ModelRegistry.newVersion(Instant.now());
    Optional<SavedSettings> reused = request.settings() == Settings.CURRENT
        ? current(spark, warehouse) : Optional.empty();
    RecommendRequest.ModelRequest model = reused
        .map(saved -> RecommendRequest.ModelRequest.settled(saved.settings(), request.model().top()))
        .orElse(request.model());
    Optional<SavedSettings> inUse = reused.isPresent() ? reused : current(spark, warehouse);
    RecommendRequest.EvaluationRequest evaluation = reused.isPresent()
        ? RecommendRequest.EvaluationRequest.SKIPPED
        : request.evaluation().comparedWith(inUse.map(SavedSettings::settings));
    String location = ModelRegistry.location(warehouse, ModelRegistry.Kind.RECOMMENDER, version);
    String staging = warehouse.root() + "/_staging/recommender-" + version;
    try {
      Window window = phases.run("export history",
          () -> export(spark, warehouse, from, until, request.newCourses().pool(), staging));
      RecommendRequest job = new RecommendRequest(
          new RecommendRequest.Input(staging + "/interactions", InputFormat.PARQUET,
              RecordReader.DEFAULT_MAX_RECORD_BYTES),
          OutputFolder.refusingExisting(location), model, evaluation,
          new RecommendRequest.ColdStart(Optional.empty(), Optional.of(staging + "/courses"),
              request.newCourses().slots()));
      Recommend.Result recommended = phases.run("recommend", () -> Recommend.run(spark, job));
      SavedSettings settings = new SavedSettings(recommended.used(),
          reused.map(SavedSettings::chosenIn).orElse(version));
      HadoopFiles.writeText(spark, location + "/" + SETTINGS_FILE, Json.pretty(settings));
      GateVerdict gate = judge(request.publishing().recommenderGate(), recommended.metrics(), reused, inUse);
      // The version's metrics.json was written before the gate could judge it: written again with the verdict.
      HadoopFiles.writeText(spark, location + "/metrics.json", Json.pretty(recommended.metrics().withGate(gate)));
      if (!gate.passed()) {
        return new Result(version, window, settings, recommended, gate, 0, List.of(), phases.report());
      }
      long learners = phases.run("write recommendations", () -> RecommendationsTable.replace(spark, warehouse,
          spark.read().parquet(location + "/recommendations/parquet"), version));
      ModelRegistry.makeCurrent(spark.sparkContext().hadoopConfiguration(), warehouse,
          ModelRegistry.Kind.RECOMMENDER, version);
      List<Publication> published = request.publishing().serving()
          .map(target -> phases.run("publish", () -> Publish.recommendations(spark, warehouse, version, target)))
          .orElse(List.of());
      return new Result(version, window, settings, recommended, gate, learners, published, phases.report());
    } finally {
      HadoopFiles.delete(spark, staging);
    }
  }

  /**
   * The gate's verdict: a model chosen here is judged on its held-out NDCG against the most popular courses' and
   * the settings in use before; a model trained with reused settings inherits the verdict those settings had when
   * they were chosen (an hourly run does not evaluate).
   */
  private static GateVerdict judge(QualityGate gate, RecommendMetrics metrics, Optional<SavedSettings> reused,
                                   Optional<SavedSettings> inUse) {
    if (reused.isPresent()) {
      return gate.inherited(reused.get().chosenIn());
    }
    RecommendMetrics.Quality quality = metrics.quality();
    if (quality.ranking() == null || quality.baseline() == null) {
      RecommendMetrics.EvaluationDetails details = metrics.evaluation();
      return gate.notEvaluated(details != null && details.skipped() != null ? details.skipped()
          : "the evaluation was skipped");
    }
    Optional<QualityGate.Current> current = inUse.flatMap(saved -> Optional.ofNullable(metrics.evaluation())
        .map(RecommendMetrics.EvaluationDetails::currentSettingsNdcgAtK)
        .map(ndcg -> new QualityGate.Current(saved.chosenIn(), ndcg)));
    return gate.judge(quality.ranking().ndcgAtK(), quality.baseline().ranking().ndcgAtK(), current);
  }

  /** The settings of the current version, if there is one. */
  static Optional<SavedSettings> current(SparkSession spark, Warehouse warehouse) {
    return ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
            ModelRegistry.Kind.RECOMMENDER)
        .map(version -> {
          String file = ModelRegistry.location(warehouse, ModelRegistry.Kind.RECOMMENDER, version) + "/"
              + SETTINGS_FILE;
          try {
            return Json.mapper().readValue(HadoopFiles.readText(spark, file), SavedSettings.class);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the recommender's settings " + file, e);
          }
        });
  }

  /**
   * The window's interactions with a catalogue course, and the catalogue as the recommender reads it (the
   * courses taken in the window and the newest untaken ones), as Parquet under {@code staging}.
   */
  private static Window export(SparkSession spark, Warehouse warehouse, Instant from, Instant until, int pool,
                               String staging) {
    Dataset<Row> catalogue = CoursesTable.courseRecords(spark, warehouse);
    Dataset<Row> window = InteractionsTable.between(spark, warehouse, from, until);
    window.join(catalogue.select(col(CourseSchema.COURSE_ID)), CourseSchema.COURSE_ID, "left_semi")
        .write().parquet(staging + "/interactions");
    Dataset<Row> interactions = spark.read().parquet(staging + "/interactions");
    long inWindow = window.count();
    long kept = interactions.count();
    if (kept == 0) {
      throw InvalidRequestException.of("no interactions with a catalogue course in " + warehouse.root()
          + " from " + from + " until " + until + " (" + inWindow + " in that window): nothing to recommend from");
    }
    Dataset<Row> taken = interactions.select(col(CourseSchema.COURSE_ID)).distinct();
    Dataset<Row> untaken = catalogue.join(taken, CourseSchema.COURSE_ID, "left_anti");
    Dataset<Row> newest = untaken
        .orderBy(col(Table.Columns.UPDATED_AT).desc_nulls_last(), col(CourseSchema.COURSE_ID))
        .limit(pool);
    catalogue.join(taken, CourseSchema.COURSE_ID, "left_semi").unionByName(newest)
        .drop(Table.Columns.UPDATED_AT).write().parquet(staging + "/courses");
    long untakenCount = untaken.count();
    return new Window(from, until, inWindow, inWindow - kept, untakenCount, Math.min(untakenCount, pool));
  }
}
