package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.TestSpark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The inverted-index neighbours against every pair compared, on random sparse vectors with ties. */
class TextNeighboursTest {
  private static final int DIMENSION = 60;

  /** A sparse vector of a few terms with weights from a small set, so that equal similarities occur. */
  private static Vector vector(SplittableRandom random) {
    TreeSet<Integer> terms = new TreeSet<>();
    int size = 1 + random.nextInt(6);
    while (terms.size() < size) {
      terms.add(random.nextInt(DIMENSION));
    }
    int[] indices = terms.stream().mapToInt(Integer::intValue).toArray();
    double[] values = new double[indices.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1 + random.nextInt(3);
    }
    return Vectors.sparse(DIMENSION, indices, values);
  }

  @Test
  void theBestKOfEveryNewCourseAreThoseOfEveryPairComparedTiesByCourse() {
    SparkSession spark = TestSpark.session();
    SplittableRandom random = new SplittableRandom(7);
    List<Row> fresh = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fresh.add(RowFactory.create("new-" + i, vector(random)));
    }
    List<Row> taken = new ArrayList<>();
    for (int c = 0; c < 300; c++) {
      taken.add(RowFactory.create(c, vector(random)));
    }
    Dataset<Row> freshRows = spark.createDataFrame(fresh, new StructType().add("new_course", DataTypes.StringType)
        .add("new_vector", SQLDataTypes.VectorType()));
    Dataset<Row> takenRows = spark.createDataFrame(taken, new StructType()
        .add(IndexedInteractions.COURSE, DataTypes.IntegerType).add("taken_vector", SQLDataTypes.VectorType()))
        .repartition(4);
    int k = 5;

    Map<String, List<String>> expected = new TreeMap<>();
    for (Row newCourse : fresh) {
      List<double[]> scored = new ArrayList<>();
      for (Row course : taken) {
        double similarity = ((Vector) newCourse.get(1)).dot((Vector) course.get(1));
        if (similarity > 0) {
          scored.add(new double[] {similarity, course.getInt(0)});
        }
      }
      scored.sort(Comparator.<double[]>comparingDouble(s -> -s[0]).thenComparingDouble(s -> s[1]));
      expected.put(newCourse.getString(0), scored.stream().limit(k).map(s -> (int) s[1] + "@" + s[0]).toList());
    }
    // Chunks of 15 new courses: three broadcasts, as a catalogue larger than one chunk gets.
    Map<String, List<String>> actual = new TreeMap<>();
    for (Row row : TextNeighbours.of(spark, freshRows, takenRows, k, 15)
        .orderBy(col("new_course"), col("similarity").desc(), col(IndexedInteractions.COURSE)).collectAsList()) {
      actual.computeIfAbsent(row.getString(0), key -> new ArrayList<>()).add(row.getInt(1) + "@" + row.getDouble(2));
    }
    assertEquals(expected, actual);
  }
}
