package io.inlearning.spark.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class CourseGeneratorTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void sameSeedSameCatalogueWhateverThePartitioning() {
    CourseGenerator generator = new CourseGenerator(new CourseGenerator.Options(2000, 5, 8, 0.1, 0.03));
    List<Row> generated = generator.generate(spark).orderBy("course_id").collectAsList();
    List<Row> again = generator.generate(spark).repartition(7).orderBy("course_id").collectAsList();
    assertEquals(generated, again);
    Row other = new CourseGenerator(new CourseGenerator.Options(2000, 6, 8, 0.1, 0.03)).course(0);
    assertNotEquals(generated.get(0), other);
  }

  @Test
  void theCatalogueLooksLikeARealOne() {
    Dataset<Row> courses = new CourseGenerator(new CourseGenerator.Options(10_000, 1, 8, 0.1, 0.03)).generate(spark);
    List<Row> rows = courses.collectAsList();
    Map<String, Long> languages = rows.stream().collect(Collectors.groupingBy(r -> r.getAs("language"), Collectors.counting()));
    assertTrue(languages.get("fr") > 3000 && languages.get("en") > 3000, languages.toString());
    long uncategorised = rows.stream().filter(r -> r.getAs("category") == null).count();
    assertTrue(uncategorised > 800 && uncategorised < 1200, "uncategorised " + uncategorised);
    Map<Object, Long> byCategory = rows.stream().filter(r -> r.getAs("category") != null)
        .collect(Collectors.groupingBy(r -> r.getAs("category"), Collectors.counting()));
    assertEquals(8, byCategory.size());
    assertTrue(byCategory.get("programming") > 1.5 * byCategory.get("mathematics"), "uneven sizes " + byCategory);
    int shortest = rows.stream().mapToInt(r -> r.<String>getAs("content").length()).min().orElseThrow();
    int longest = rows.stream().mapToInt(r -> r.<String>getAs("content").length()).max().orElseThrow();
    assertTrue(longest > 10 * shortest, "lengths " + shortest + ".." + longest);
    assertTrue(rows.stream().anyMatch(r -> r.<String>getAs("content").contains("données")));
    assertTrue(rows.stream().anyMatch(r -> r.getAs("difficulty_score") == null));
  }

  @Test
  void moreThanEightCategoriesAreSynthesised() {
    long categories = new CourseGenerator(new CourseGenerator.Options(3000, 1, 12, 0, 0)).generate(spark)
        .select("category").distinct().count();
    assertEquals(12, categories);
  }
}
