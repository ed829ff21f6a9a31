package io.inlearning.spark.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.RawArea;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerateWorldTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WorldGenerator.Options options = WorldGenerator.Options.builder().hours(3).courses(400)
      .newCoursesPerHour(30).learners(300).interactionsPerHour(2_000).eventsPerHour(1_000).seed(7).build();

  @TempDir
  static Path dir;

  private RawArea raw;
  private final Map<String, Hour> courseArrival = new HashMap<>();
  private final Map<String, JsonNode> courses = new HashMap<>();

  @BeforeAll
  void generate() throws IOException {
    GenerateWorld.Result result = GenerateWorld.run(options, dir.resolve("raw"));
    raw = new RawArea(result.output());
    for (int h = 0; h < options.hours(); h++) {
      Hour hour = options.start().plusHours(h);
      for (JsonNode course : lines(RawArea.Kind.COURSES, hour)) {
        String id = course.get("course_id").asText();
        assertFalse(courses.containsKey(id), id + " arrives twice");
        courses.put(id, course);
        courseArrival.put(id, hour);
      }
    }
  }

  @Test
  void theCatalogueArrivesOverTheHoursAndSomeNewCoursesHaveNoCategory() throws IOException {
    assertEquals(400 + 2 * 30, courses.size());
    List<JsonNode> newCourses = lines(RawArea.Kind.COURSES, options.start().plusHours(2));
    assertEquals(30, newCourses.size());
    long unlabelled = newCourses.stream().filter(c -> c.path("category").isNull() || c.path("category").isMissingNode()).count();
    assertTrue(unlabelled >= 5 && unlabelled <= 25, unlabelled + " of 30 new courses without a category");
    for (JsonNode course : newCourses) {
      Instant at = Instant.parse(course.get("timestamp").asText());
      assertEquals(options.start().plusHours(2), Hour.containing(at), "a course stamped outside its hour of arrival");
    }
  }

  @Test
  void interactionsAreAboutCoursesAlreadyInTheCatalogueByTheWorldsLearners() throws IOException {
    for (int h = 0; h < options.hours(); h++) {
      Hour hour = options.start().plusHours(h);
      List<JsonNode> interactions = lines(RawArea.Kind.INTERACTIONS, hour);
      assertEquals(options.interactionsPerHour(), interactions.size());
      for (JsonNode interaction : interactions) {
        String course = interaction.get("course_id").asText();
        assertTrue(courseArrival.containsKey(course), course + " is not in the catalogue");
        assertTrue(courseArrival.get(course).compareTo(hour) <= 0, course + " used before it arrived");
        assertTrue(interaction.get("user_id").asText().matches("lrn-\\d{7}"));
        assertEquals(hour, Hour.containing(Instant.parse(interaction.get("timestamp").asText())));
      }
    }
  }

  /** An event carries its course's category: the one the course is really about, which its label gives unless noisy. */
  @Test
  void eventsCarryTheCategoryOfTheirCourse() throws IOException {
    int agreeing = 0;
    int labelled = 0;
    for (int h = 0; h < options.hours(); h++) {
      Hour hour = options.start().plusHours(h);
      for (JsonNode event : lines(RawArea.Kind.EVENTS, hour)) {
        if (event.path("course_id").isMissingNode() || !event.path("category").isTextual()) {
          continue; // a planted malformed line
        }
        JsonNode course = courses.get(event.get("course_id").asText());
        assertTrue(course != null, event.get("course_id") + " is not in the catalogue");
        assertTrue(courseArrival.get(event.get("course_id").asText()).compareTo(hour) <= 0);
        assertTrue(event.get("learner_id").asText().matches("lrn-\\d{7}"));
        if (course.path("category").isTextual()) {
          labelled++;
          agreeing += course.get("category").asText().equals(event.get("category").asText()) ? 1 : 0;
        }
      }
    }
    // 3 % of the catalogue's labels are noisy; events always carry the true category.
    assertTrue(labelled > 2_000);
    assertTrue(agreeing > 0.93 * labelled, agreeing + " of " + labelled + " events agree with their course's label");
  }

  private List<JsonNode> lines(RawArea.Kind kind, Hour hour) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(raw.location(kind, hour)))) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          try {
            records.add(JSON.readTree(line));
          } catch (IOException e) {
            // a planted malformed event
          }
        }
      }
    }
    return records;
  }
}
