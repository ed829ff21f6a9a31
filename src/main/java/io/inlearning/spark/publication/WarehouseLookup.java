package io.inlearning.spark.publication;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table.Columns;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the warehouse's tables and the current recommender's similar courses, with a Spark session. */
public final class WarehouseLookup implements Lookup {
  private final SparkSession spark;
  private final Warehouse warehouse;

  public WarehouseLookup(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  @Override
  public Optional<LearnerView> learner(String learnerId) {
    if (!RecommendationsTable.exists(spark, warehouse)) {
      return Optional.empty();
    }
    List<Row> rows = RecommendationsTable.read(spark, warehouse).filter(col(Columns.USER_ID).equalTo(learnerId))
        .collectAsList();
    return rows.stream().findFirst().map(row -> {
      List<RecommendedCourse> courses = new ArrayList<>();
      for (Row entry : row.<Row>getList(row.fieldIndex(Columns.RECOMMENDATIONS))) {
        courses.add(new RecommendedCourse(entry.getAs(Columns.RANK), entry.getAs(Columns.COURSE_ID),
            orEmpty(entry.getAs(Columns.TITLE)), orEmpty(entry.getAs(Columns.CATEGORY)),
            entry.<Double>getAs(Columns.SCORE), entry.getAs(Columns.SOURCE)));
      }
      String version = row.getAs(Columns.MODEL_VERSION);
      return new LearnerView(learnerId, courses, version, "warehouse " + warehouse.root());
    });
  }

  @Override
  public Optional<CourseView> course(String courseId) {
    if (!CoursesTable.exists(spark, warehouse)) {
      return Optional.empty();
    }
    List<Row> rows = CoursesTable.read(spark, warehouse).filter(col(Columns.COURSE_ID).equalTo(courseId))
        .collectAsList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Row course = rows.get(0);
    Optional<String> recommender = ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
        ModelRegistry.Kind.RECOMMENDER);
    List<SimilarCourse> similar = recommender.map(version -> similar(courseId, version)).orElse(List.of());
    return Optional.of(new CourseView(courseId, orEmpty(course.getAs(Columns.TITLE)),
        Optional.ofNullable(course.getAs(Columns.CATEGORY)), Optional.ofNullable(course.getAs(Columns.PREDICTED_CATEGORY)),
        Optional.ofNullable(course.getAs(Columns.PROBABILITY)), Optional.ofNullable(course.getAs(Columns.MODEL_VERSION)),
        similar, similar.isEmpty() ? Optional.empty() : recommender));
  }

  private List<SimilarCourse> similar(String courseId, String version) {
    List<Row> rows = SimilarCourses.titled(spark, warehouse, version).filter(col(Columns.COURSE_ID).equalTo(courseId))
        .collectAsList();
    if (rows.isEmpty() || rows.get(0).isNullAt(rows.get(0).fieldIndex(Documents.SIMILAR))) {
      return List.of();
    }
    List<SimilarCourse> similar = new ArrayList<>();
    for (Row entry : rows.get(0).<Row>getList(rows.get(0).fieldIndex(Documents.SIMILAR))) {
      similar.add(new SimilarCourse(entry.getAs(Columns.RANK), entry.getAs(Columns.COURSE_ID),
          orEmpty(entry.getAs(Columns.TITLE)), orEmpty(entry.getAs(Columns.CATEGORY)), entry.<Double>getAs(Columns.SCORE)));
    }
    return similar;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  @Override
  public String describe() {
    return "warehouse " + warehouse.root();
  }

  @Override
  public void close() {
    // the session belongs to the caller
  }
}
