package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.ingest.IngestHour;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The classifier's life in the warehouse: trained on the catalogue, made current, classifying what is new. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogueClassifierTest {
  private final SparkSession spark = TestSpark.session();
  private final WorldGenerator.Options world = WorldGenerator.Options.builder().hours(2).courses(1_500)
      .newCoursesPerHour(40).learners(50).interactionsPerHour(100).eventsPerHour(0).seed(5).build();

  @TempDir
  static Path dir;

  private RawArea raw;
  private Warehouse warehouse;
  private TrainCatalogue.Result trained;

  @BeforeAll
  void trainOnTheFirstHoursCatalogue() {
    raw = new RawArea(GenerateWorld.run(world, dir.resolve("raw")).output());
    warehouse = new Warehouse(dir.resolve("warehouse").toString());
    IngestHour.run(spark, new IngestHour.Request(raw, warehouse, world.start()));
    trained = TrainCatalogue.run(spark, new TrainCatalogue.Request(warehouse, ClassifierRequest.DEFAULTS));
  }

  @Test
  @Order(1)
  void theTrainedModelIsSavedAsANewVersionAndMadeCurrent() {
    assertEquals(trained.version(), ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
        ModelRegistry.Kind.CLASSIFIER).orElseThrow());
    Path model = Path.of(ModelRegistry.location(warehouse, ModelRegistry.Kind.CLASSIFIER, trained.version()));
    assertTrue(Files.isDirectory(model.resolve("stages")) && Files.isRegularFile(model.resolve("metrics.json")));
    ClassificationReport evaluation = trained.trained().evaluation().orElseThrow();
    assertTrue(evaluation.accuracy() > evaluation.baseline().accuracy() + 0.3,
        "accuracy " + evaluation.accuracy() + " against the baseline " + evaluation.baseline().accuracy());
  }

  @Test
  @Order(2)
  void classifyingCoversEveryCourseOnceAndThenNothing() {
    ClassifyCatalogue.Result first = ClassifyCatalogue.run(spark, new ClassifyCatalogue.Request(warehouse));
    assertEquals(1_500, first.classified());
    assertEquals(1_500, first.merged().updated());
    assertEquals(0, CoursesTable.read(spark, warehouse).filter(col("predicted_category").isNull()
        .or(col("model_version").notEqual(trained.version()))).count());
    assertEquals(0, ClassifyCatalogue.run(spark, new ClassifyCatalogue.Request(warehouse)).classified());
  }

  /** The next hour's new courses, half of them without a category, are classified with the saved model. */
  @Test
  @Order(3)
  void aNewHoursCoursesAreClassifiedWithTheCurrentModel() {
    IngestHour.run(spark, new IngestHour.Request(raw, warehouse, world.start().plusHours(1)));
    ClassifyCatalogue.Result next = ClassifyCatalogue.run(spark, new ClassifyCatalogue.Request(warehouse));
    assertEquals(trained.version(), next.modelVersion());
    assertEquals(40, next.classified());
    var newCourses = CoursesTable.read(spark, warehouse).filter(col("course_id").geq("crs-000001500"));
    assertEquals(40, newCourses.count());
    assertEquals(40, newCourses.filter(col("predicted_category").isNotNull()
        .and(col("model_version").equalTo(trained.version()))).count());
    long unlabelled = newCourses.filter(col("category").isNull()).count();
    assertTrue(unlabelled >= 8, unlabelled + " new courses without a category");
  }
}
