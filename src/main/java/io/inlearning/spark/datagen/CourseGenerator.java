package io.inlearning.spark.datagen;

import io.inlearning.spark.errors.Check;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generates a course catalogue: categories of uneven size, English and French courses, titles and contents
 * of varied length mixing category words (some shared with a neighbouring category), general course words,
 * function words and rare made-up words; a share of wrong labels, of uncategorised courses and of missing
 * difficulty scores. Course i depends only on (seed, i), so the output does not depend on partitioning.
 */
public final class CourseGenerator implements Serializable {
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
  public static final int DEFAULT_CATEGORIES = 8;
  public static final double DEFAULT_UNCATEGORISED_FRACTION = 0.1;
  public static final double DEFAULT_LABEL_NOISE = 0.03;
  static final long SPAN_SECONDS = 90L * 24 * 3600;

  /**
   * @param labelNoise            share of categorised courses whose label is another category
   * @param uncategorisedFraction share of courses with no category
   */
  public record Options(long count, long seed, int categories, double uncategorisedFraction, double labelNoise)
      implements Serializable {
    public Options {
      Check.atLeast("count", count, 1);
      Check.atLeast("categories", categories, 2);
      Check.share("uncategorised_fraction", uncategorisedFraction);
      Check.share("label_noise", labelNoise);
    }
  }

  public static final StructType SCHEMA = new StructType()
      .add("course_id", DataTypes.StringType)
      .add("title", DataTypes.StringType)
      .add("content", DataTypes.StringType)
      .add("category", DataTypes.StringType)
      .add("difficulty_score", DataTypes.DoubleType)
      .add("language", DataTypes.StringType)
      .add("timestamp", DataTypes.StringType);

  private static final String[] TITLES_EN = {"Introduction to %s", "%s for beginners", "Advanced %s and %s",
      "Mastering %s", "Practical %s: %s in practice", "%s fundamentals", "The complete %s course"};
  private static final String[] TITLES_FR = {"Introduction à %s", "%s pour débutants", "%s avancé et %s",
      "Maîtriser %s", "%s en pratique : %s", "Les fondamentaux de %s", "Le cours complet de %s"};

  private final Options options;
  private final List<Vocabulary.Category> categories;
  private final double[] cumulativeWeights;

  public CourseGenerator(Options options) {
    this.options = options;
    this.categories = Vocabulary.categories(options.categories());
    // Uneven category sizes: weight 1 / (1 + 0.25 k).
    this.cumulativeWeights = new double[categories.size()];
    double total = 0;
    for (int k = 0; k < categories.size(); k++) {
      total += 1.0 / (1 + 0.25 * k);
      cumulativeWeights[k] = total;
    }
    for (int k = 0; k < categories.size(); k++) {
      cumulativeWeights[k] /= total;
    }
  }

  /** The catalogue as a Dataset with {@link #SCHEMA}; nothing is computed until it is written. */
  public Dataset<Row> generate(SparkSession spark) {
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
        Math.min(10_000, (options.count() + 199_999) / 200_000));
    return spark.range(0, options.count(), 1, partitions)
        .map((MapFunction<Long, Row>) this::course, Encoders.row(SCHEMA));
  }

  Row course(long index) {
    SplittableRandom random = random(index);
    int trueCategory = pickCategory(random);
    boolean french = random.nextDouble() < 0.45;
    Vocabulary.Category category = categories.get(trueCategory);
    Vocabulary.Category neighbour = categories.get((trueCategory + 1) % categories.size());
    String[] own = french ? category.french() : category.english();
    String[] near = french ? neighbour.french() : neighbour.english();
    String[] general = french ? Vocabulary.GENERAL_FRENCH : Vocabulary.GENERAL_ENGLISH;
    String[] function = french ? Vocabulary.FUNCTION_FRENCH : Vocabulary.FUNCTION_ENGLISH;

    // Long-tailed length: most courses 30-120 words, a few several hundred.
    int words = 12 + (int) Math.min(600, Math.exp(3.6 + 0.7 * gaussian(random)));
    StringBuilder content = new StringBuilder(words * 8);
    for (int i = 0; i < words; i++) {
      double u = random.nextDouble();
      String word;
      if (u < 0.30) {
        word = own[random.nextInt(own.length)];
      } else if (u < 0.40) {
        word = near[random.nextInt(near.length)];
      } else if (u < 0.65) {
        word = general[random.nextInt(general.length)];
      } else if (u < 0.97) {
        word = function[random.nextInt(function.length)];
      } else {
        word = Vocabulary.pseudoWord(random);
      }
      if (i > 0) {
        content.append(i % 14 == 0 ? ". " : " ");
      }
      content.append(i == 0 || i % 14 == 0 ? capitalise(word) : word);
    }
    content.append('.');

    String[] templates = french ? TITLES_FR : TITLES_EN;
    String title = String.format(Locale.ROOT, templates[random.nextInt(templates.length)],
        capitalise(own[random.nextInt(own.length)]), own[random.nextInt(own.length)]);

    String label = category.name();
    if (random.nextDouble() < options.labelNoise()) {
      label = categories.get(random.nextInt(categories.size())).name();
    }
    if (random.nextDouble() < options.uncategorisedFraction()) {
      label = null;
    }
    Double difficulty = random.nextDouble() < 0.05 ? null : Math.round(random.nextDouble() * 100) / 10.0;
    Instant timestamp = DEFAULT_START.plusSeconds(random.nextLong(SPAN_SECONDS));
    return RowFactory.create(courseId(index), title, content.toString(), label,
        difficulty, french ? "fr" : "en", timestamp.toString());
  }

  /** The category course {@code index} is really about (its label may differ, or be missing). */
  int category(long index) {
    return pickCategory(random(index));
  }

  static String courseId(long index) {
    return String.format(Locale.ROOT, "crs-%09d", index);
  }

  private SplittableRandom random(long index) {
    return new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + index);
  }

  private int pickCategory(SplittableRandom random) {
    double u = random.nextDouble();
    for (int k = 0; k < cumulativeWeights.length; k++) {
      if (u < cumulativeWeights[k]) {
        return k;
      }
    }
    return cumulativeWeights.length - 1;
  }

  List<String> categoryNames() {
    List<String> names = new ArrayList<>();
    categories.forEach(c -> names.add(c.name()));
    return names;
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = Math.max(1e-12, random.nextDouble());
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static String capitalise(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
