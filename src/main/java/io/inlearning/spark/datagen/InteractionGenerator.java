package io.inlearning.spark.datagen;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.records.Feedback;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generates learner-course interactions with a structure a recommender can find: every course belongs to
 * one of a few categories, every learner has an interest profile over one to three of them (85 % of their
 * interactions), course popularity follows a long tail, and learner activity too (log-normal, plus 0.5 %
 * heavy learners with ten times more). Explicit ratings 1..5 are high inside a learner's profile and low
 * outside; implicit strengths count views, with a bonus for a completion. Interaction i depends only on
 * (seed, i); learners and courses depend only on (seed, their index).
 */
public final class InteractionGenerator implements Serializable {
  public static final int CATEGORIES = 8;
  static final double IN_PROFILE = 0.85;

  public enum Format { JSON, MOVIELENS }

  public record Options(long users, long courses, long count, long seed, Feedback feedback, Format format)
      implements Serializable {
    public Options {
      // The per-learner and per-course tables travel with every task: keep them to a few tens of MiB.
      Check.between("users", users, 1, 5_000_000);
      Check.between("courses", courses, 1, 1_000_000);
      Check.atLeast("count", count, 1);
    }
  }

  /** JSON lines: ids as strings, ISO timestamps. */
  public static final StructType SCHEMA = new StructType()
      .add("user_id", DataTypes.StringType)
      .add("course_id", DataTypes.StringType)
      .add("rating", DataTypes.DoubleType)
      .add("timestamp", DataTypes.StringType);

  private final Options options;
  private final double[] userCumulative;
  private final int[] courseCategory;
  /** Per category: its courses and their cumulative popularity. */
  private final int[][] categoryCourses;
  private final double[][] categoryCumulative;
  private final double[] categoryCumulativeAll;

  public InteractionGenerator(Options options) {
    this(options, null);
  }

  /**
   * Interactions with the courses of a catalogue whose course c is about category {@code categoryOf(c)}
   * (0..{@link #CATEGORIES}-1); with null, each course's category is drawn from the seed.
   */
  InteractionGenerator(Options options, IntUnaryOperator categoryOf) {
    this.options = options;
    int users = (int) options.users();
    int courses = (int) options.courses();
    userCumulative = new double[users];
    double total = 0;
    for (int u = 0; u < users; u++) {
      SplittableRandom random = entityRandom(1, u);
      double activity = Math.exp(0.9 * gaussian(random));
      if (random.nextDouble() < 0.005) {
        activity *= 10;
      }
      total += activity;
      userCumulative[u] = total;
    }
    normalise(userCumulative);

    courseCategory = new int[courses];
    int[] sizes = new int[CATEGORIES];
    for (int c = 0; c < courses; c++) {
      courseCategory[c] = categoryOf == null ? entityRandom(2, c).nextInt(CATEGORIES) : categoryOf.applyAsInt(c);
      sizes[courseCategory[c]]++;
    }
    categoryCourses = new int[CATEGORIES][];
    categoryCumulative = new double[CATEGORIES][];
    double[] categoryWeight = new double[CATEGORIES];
    for (int k = 0; k < CATEGORIES; k++) {
      categoryCourses[k] = new int[sizes[k]];
      categoryCumulative[k] = new double[sizes[k]];
    }
    int[] filled = new int[CATEGORIES];
    for (int c = 0; c < courses; c++) {
      int k = courseCategory[c];
      // Long tail: course c (in catalogue order) is about 1 / (c + 10) as popular as the head.
      double popularity = 1.0 / Math.pow(c + 10, 0.9);
      categoryWeight[k] += popularity;
      categoryCourses[k][filled[k]] = c;
      categoryCumulative[k][filled[k]] = categoryWeight[k];
      filled[k]++;
    }
    for (double[] cumulative : categoryCumulative) {
      normalise(cumulative);
    }
    categoryCumulativeAll = categoryWeight.clone();
    Arrays.parallelPrefix(categoryCumulativeAll, Double::sum);
    normalise(categoryCumulativeAll);
  }

  /** The interactions as a Dataset with {@link #SCHEMA}; nothing is computed until it is written. */
  public Dataset<Row> generate(SparkSession spark) {
    return indices(spark).map((MapFunction<Long, Row>) this::interaction, Encoders.row(SCHEMA));
  }

  /** The interactions as MovieLens u.data lines. */
  public Dataset<String> generateMovieLens(SparkSession spark) {
    return indices(spark).map((MapFunction<Long, String>) this::movieLensLine, Encoders.STRING());
  }

  /** 0..count-1, about a million per partition. */
  private Dataset<Long> indices(SparkSession spark) {
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
        Math.min(10_000, (options.count() + 999_999) / 1_000_000));
    return spark.range(0, options.count(), 1, partitions);
  }

  /** One interaction: user index, course index, rating or strength, epoch seconds. */
  record Interaction(int user, int course, double rating, long epochSeconds) {}

  Row interaction(long index) {
    Interaction i = draw(index);
    return RowFactory.create(userId(i.user()), courseId(i.course()), i.rating(),
        Instant.ofEpochSecond(i.epochSeconds()).toString());
  }

  /** A MovieLens u.data line: integer ids from 1, epoch seconds. */
  String movieLensLine(long index) {
    Interaction i = draw(index);
    return (i.user() + 1) + "\t" + (i.course() + 1) + "\t" + (long) i.rating() + "\t" + i.epochSeconds();
  }

  Interaction draw(long index) {
    SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + index);
    int user = search(userCumulative, random.nextDouble());
    Profile profile = profile(user);
    int category;
    int affinity;
    if (random.nextDouble() < IN_PROFILE) {
      double u = random.nextDouble();
      int pick = u < profile.weights()[0] ? 0 : u < profile.weights()[0] + profile.weights()[1] ? 1 : 2;
      category = profile.categories()[Math.min(pick, profile.categories().length - 1)];
      affinity = category == profile.categories()[0] ? 2 : 1;
    } else {
      category = search(categoryCumulativeAll, random.nextDouble());
      affinity = profile.contains(category) ? 1 : 0;
    }
    if (categoryCourses[category].length == 0) {
      category = courseCategory[0];
      affinity = profile.contains(category) ? 1 : 0;
    }
    int course = categoryCourses[category][search(categoryCumulative[category], random.nextDouble())];
    double rating;
    if (options.feedback() == Feedback.IMPLICIT) {
      // Views: more of them for courses the learner cares about; a completion counts 3.
      double views = 1 + Math.floor(-Math.log(1 - random.nextDouble()) * (0.5 + affinity));
      rating = views + (random.nextDouble() < 0.15 * affinity ? 3 : 0);
    } else {
      double mean = affinity == 2 ? 4.3 : affinity == 1 ? 3.6 : 2.3;
      double quality = 0.4 * gaussian(entityRandom(3, course));
      rating = Math.max(1, Math.min(5, Math.round(mean + quality + 0.8 * gaussian(random))));
    }
    long epoch = 1_767_225_600L + random.nextLong(CourseGenerator.SPAN_SECONDS); // from 2026-01-01
    return new Interaction(user, course, rating, epoch);
  }

  /** A learner's interests: one to three categories, the first one strongest. */
  record Profile(int[] categories, double[] weights) {
    boolean contains(int category) {
      for (int k : categories) {
        if (k == category) {
          return true;
        }
      }
      return false;
    }
  }

  Profile profile(int user) {
    SplittableRandom random = entityRandom(4, user);
    int size = 1 + random.nextInt(3);
    int[] categories = new int[size];
    int first = random.nextInt(CATEGORIES);
    for (int j = 0; j < size; j++) {
      categories[j] = (first + j * (1 + random.nextInt(CATEGORIES - 1))) % CATEGORIES;
    }
    double[] weights = switch (size) {
      case 1 -> new double[] {1, 0, 0};
      case 2 -> new double[] {0.65, 0.35, 0};
      default -> new double[] {0.5, 0.3, 0.2};
    };
    return new Profile(categories, weights);
  }

  int category(int course) {
    return courseCategory[course];
  }

  static String userId(int user) {
    return String.format(Locale.ROOT, "u-%06d", user);
  }

  static String courseId(int course) {
    return String.format(Locale.ROOT, "c-%05d", course);
  }

  private SplittableRandom entityRandom(int kind, long index) {
    return new SplittableRandom((options.seed() * 31 + kind) * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
  }

  private static int search(double[] cumulative, double u) {
    int found = Arrays.binarySearch(cumulative, u);
    int index = found >= 0 ? found + 1 : -found - 1;
    return Math.min(index, cumulative.length - 1);
  }

  private static void normalise(double[] cumulative) {
    double total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = Math.max(1e-12, random.nextDouble());
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
