package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * For each new course, its {@code k} most similar taken courses by the cosine of their text vectors (ties: the
 * smaller course index first). The new courses' vectors are turned into an inverted index (term -> new courses
 * with their weights) and broadcast; each task reads taken courses' vectors and adds, term by term, to the
 * similarity of only the new courses sharing that term, keeping every new course's best k. A taken course
 * costs the postings of its terms, not a pass over every new course: a cross join of the two sides compared
 * every pair through a UDF, 100 s for 1,000 new courses against 78,000 taken ones. Spark ML has no exact
 * sparse similarity join (its LSH joins are approximate and project every vector densely), hence this class.
 * New courses are indexed {@link #CHUNK} at a time, so the broadcast stays small whatever their number.
 */
final class TextNeighbours {
  static final int CHUNK = 20_000;
  static final StructType SCHEMA = new StructType()
      .add("new_course", DataTypes.StringType, false)
      .add(IndexedInteractions.COURSE, DataTypes.IntegerType, false)
      .add("similarity", DataTypes.DoubleType, false);

  private TextNeighbours() {}

  /**
   * (new_course, course, similarity) for {@code fresh} (new_course, new_vector) against {@code taken}
   * (course, taken_vector), at most {@code k} rows per new course, only positive similarities.
   */
  static Dataset<Row> of(SparkSession spark, Dataset<Row> fresh, Dataset<Row> taken, int k) {
    return of(spark, fresh, taken, k, CHUNK);
  }

  static Dataset<Row> of(SparkSession spark, Dataset<Row> fresh, Dataset<Row> taken, int k, int chunk) {
    List<Row> newCourses = fresh.collectAsList();
    Dataset<Row> all = spark.createDataFrame(List.of(), SCHEMA);
    for (int from = 0; from < newCourses.size(); from += chunk) {
      Postings postings = Postings.of(newCourses.subList(from, Math.min(newCourses.size(), from + chunk)));
      Broadcast<Postings> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(postings);
      MapPartitionsFunction<Row, Row> best = rows -> bestPerPartition(rows, shared.value(), k);
      all = all.union(taken.mapPartitions(best, Encoders.row(SCHEMA)));
    }
    // Each task kept its own best k: the best k of those are the best k overall.
    return all
        .withColumn("_rank", row_number().over(Window.partitionBy("new_course")
            .orderBy(col("similarity").desc(), col(IndexedInteractions.COURSE))))
        .filter(col("_rank").leq(k))
        .drop("_rank");
  }

  /** The k best taken courses of this partition for every new course of {@code postings}. */
  private static Iterator<Row> bestPerPartition(Iterator<Row> rows, Postings postings, int k) {
    int count = postings.ids.length;
    double[] similarity = new double[count];
    int[] touched = new int[count];
    double[][] bestScores = new double[count][k];
    int[][] bestCourses = new int[count][k];
    int[] sizes = new int[count];
    while (rows.hasNext()) {
      Row row = rows.next();
      int course = row.getInt(0);
      SparseVector vector = ((Vector) row.get(1)).toSparse();
      int touchedCount = 0;
      int[] indices = vector.indices();
      double[] values = vector.values();
      for (int i = 0; i < indices.length; i++) {
        int term = Arrays.binarySearch(postings.terms, indices[i]);
        if (term < 0) {
          continue;
        }
        for (int p = postings.offsets[term]; p < postings.offsets[term + 1]; p++) {
          int newCourse = postings.courses[p];
          if (similarity[newCourse] == 0) {
            touched[touchedCount++] = newCourse;
          }
          similarity[newCourse] += values[i] * postings.weights[p];
        }
      }
      for (int t = 0; t < touchedCount; t++) {
        int newCourse = touched[t];
        if (similarity[newCourse] > 0) {
          offer(bestScores[newCourse], bestCourses[newCourse], sizes, newCourse, similarity[newCourse], course, k);
        }
        similarity[newCourse] = 0;
      }
    }
    List<Row> out = new ArrayList<>();
    for (int newCourse = 0; newCourse < count; newCourse++) {
      for (int i = 0; i < sizes[newCourse]; i++) {
        out.add(RowFactory.create(postings.ids[newCourse], bestCourses[newCourse][i], bestScores[newCourse][i]));
      }
    }
    return out.iterator();
  }

  /** Inserts (score, course) into a list kept sorted best first (higher score, then smaller course). */
  private static void offer(double[] scores, int[] courses, int[] sizes, int list, double score, int course, int k) {
    int size = sizes[list];
    int at = size;
    while (at > 0 && (scores[at - 1] < score || scores[at - 1] == score && courses[at - 1] > course)) {
      at--;
    }
    if (at >= k) {
      return;
    }
    int last = Math.min(size, k - 1);
    System.arraycopy(scores, at, scores, at + 1, last - at);
    System.arraycopy(courses, at, courses, at + 1, last - at);
    scores[at] = score;
    courses[at] = course;
    sizes[list] = Math.min(size + 1, k);
  }

  /** The new courses' terms: for each term (sorted), the new courses that have it and their weights. */
  static final class Postings implements Serializable {
    final String[] ids;
    final int[] terms;
    final int[] offsets;
    final int[] courses;
    final double[] weights;

    private Postings(String[] ids, int[] terms, int[] offsets, int[] courses, double[] weights) {
      this.ids = ids;
      this.terms = terms;
      this.offsets = offsets;
      this.courses = courses;
      this.weights = weights;
    }

    static Postings of(List<Row> newCourses) {
      String[] ids = new String[newCourses.size()];
      SparseVector[] vectors = new SparseVector[newCourses.size()];
      int entries = 0;
      for (int c = 0; c < ids.length; c++) {
        ids[c] = newCourses.get(c).getString(0);
        vectors[c] = ((Vector) newCourses.get(c).get(1)).toSparse();
        entries += vectors[c].indices().length;
      }
      long[] pairs = new long[entries];
      int n = 0;
      for (int c = 0; c < ids.length; c++) {
        for (int i = 0; i < vectors[c].indices().length; i++) {
          pairs[n++] = ((long) vectors[c].indices()[i] << 32) | c;
        }
      }
      return build(ids, vectors, pairs);
    }

    /** Sorts (term, course) pairs by term and lays them out as postings. */
    private static Postings build(String[] ids, SparseVector[] vectors, long[] pairs) {
      Arrays.sort(pairs);
      int[] courses = new int[pairs.length];
      double[] weights = new double[pairs.length];
      int[] termsAll = new int[pairs.length];
      int distinct = 0;
      int[] offsetsAll = new int[pairs.length + 1];
      for (int p = 0; p < pairs.length; p++) {
        int term = (int) (pairs[p] >>> 32);
        int course = (int) pairs[p];
        courses[p] = course;
        SparseVector vector = vectors[course];
        weights[p] = vector.values()[Arrays.binarySearch(vector.indices(), term)];
        if (distinct == 0 || termsAll[distinct - 1] != term) {
          termsAll[distinct] = term;
          offsetsAll[distinct] = p;
          distinct++;
        }
      }
      offsetsAll[distinct] = pairs.length;
      return new Postings(ids, Arrays.copyOf(termsAll, distinct), Arrays.copyOf(offsetsAll, distinct + 1), courses,
          weights);
    }
  }
}
