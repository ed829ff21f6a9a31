package io.inlearning.spark.courses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.json.Json;
import org.junit.jupiter.api.Test;

class AskedTest {
  @Test
  void valuesAndRecipeDefaultsWriteAsBeforeAndReadBackEqual() throws Exception {
    CourseMetrics.Settings settings = new CourseMetrics.Settings("lr",
        new CourseMetrics.FeatureSettings("short", "count", 32768, new Asked<>(false), new Asked<>(null),
            new Asked<>(2)),
        new CourseMetrics.ModelSettings(new Asked<>(0.01), 0.0, new Asked<>(null), true, "off"));
    String json = Json.compact(settings);
    assertEquals("{\"classifier\":\"lr\",\"text\":\"short\",\"vectorizer\":\"count\",\"num_features\":32768,"
        + "\"bigrams\":false,\"title_char_grams\":\"recipe default\",\"min_doc_freq\":2,\"reg_param\":0.01,"
        + "\"elastic_net_param\":0.0,\"max_iter\":\"recipe default\",\"balanced_class_weights\":true,"
        + "\"tune\":\"off\"}", json);
    assertEquals(settings, Json.mapper().readValue(json, CourseMetrics.Settings.class));
  }
}
