package io.inlearning.spark.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.records.Feedback;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class InteractionGeneratorTest {
  private final SparkSession spark = TestSpark.session();

  private static InteractionGenerator generator(boolean implicit) {
    return new InteractionGenerator(new InteractionGenerator.Options(2_000, 500, 40_000, 3,
        implicit ? Feedback.IMPLICIT : Feedback.EXPLICIT,
        InteractionGenerator.Format.JSON));
  }

  @Test
  void rowIDependsOnlyOnTheSeedAndI() {
    InteractionGenerator generator = generator(false);
    List<Row> rows = generator.generate(spark).collectAsList();
    assertEquals(40_000, rows.size());
    for (int i : new int[] {0, 1, 12_345, 39_999}) {
      assertEquals(generator.interaction(i), rows.get(i));
    }
    assertEquals(rows.get(777), generator(false).interaction(777));
    InteractionGenerator otherSeed = new InteractionGenerator(new InteractionGenerator.Options(2_000, 500, 40_000, 4, Feedback.EXPLICIT, InteractionGenerator.Format.JSON));
    assertTrue(!otherSeed.interaction(777).equals(rows.get(777)));
    Row first = rows.get(0);
    assertTrue(first.getString(0).matches("u-\\d{6}") && first.getString(1).matches("c-\\d{5}"), first.toString());
    assertTrue(generator.movieLensLine(5).matches("\\d+\\t\\d+\\t[1-5]\\t\\d+"), generator.movieLensLine(5));
  }

  @Test
  void interestsPopularityAndActivityArePlanted() {
    InteractionGenerator generator = generator(false);
    long[] perUser = new long[2_000];
    long[] perCourse = new long[500];
    int inProfile = 0;
    double ratingInProfile = 0;
    double ratingOutside = 0;
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      InteractionGenerator.Interaction interaction = generator.draw(i);
      perUser[interaction.user()]++;
      perCourse[interaction.course()]++;
      boolean in = generator.profile(interaction.user()).contains(generator.category(interaction.course()));
      if (in) {
        inProfile++;
        ratingInProfile += interaction.rating();
      } else {
        ratingOutside += interaction.rating();
      }
      assertTrue(interaction.rating() >= 1 && interaction.rating() <= 5);
    }
    double shareInProfile = inProfile / (double) n;
    assertTrue(shareInProfile > 0.85 && shareInProfile < 0.97, "in-profile share " + shareInProfile);
    assertTrue(ratingInProfile / inProfile > ratingOutside / (n - inProfile) + 1, "ratings follow interests");
    // Long tail: the 10 % most popular courses draw far more than 10 % of the interactions.
    long[] sortedCourses = Arrays.stream(perCourse).sorted().toArray();
    long head = Arrays.stream(sortedCourses, 450, 500).sum();
    assertTrue(head > 0.35 * n, "top 10% of courses: " + head);
    // Heavy learners and many light ones.
    long[] sortedUsers = Arrays.stream(perUser).sorted().toArray();
    long median = sortedUsers[1_000];
    assertTrue(sortedUsers[1_999] > 8 * median, "max " + sortedUsers[1_999] + " vs median " + median);
    assertTrue(sortedUsers[200] < median, "light learners");
  }

  @Test
  void implicitStrengthsAreViewCounts() {
    InteractionGenerator generator = generator(true);
    double max = 0;
    for (int i = 0; i < 5_000; i++) {
      double strength = generator.draw(i).rating();
      assertTrue(strength >= 1 && strength == Math.rint(strength), "strength " + strength);
      max = Math.max(max, strength);
    }
    assertTrue(max > 5);
  }
}
