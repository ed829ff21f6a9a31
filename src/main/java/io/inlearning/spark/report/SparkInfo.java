package io.inlearning.spark.report;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.apache.spark.sql.SparkSession;

/**
 * Where a job ran: the {@code spark} block of every metrics.json, with the driver's linear algebra (EASE inverts
 * its course x course matrix there, and a native LAPACK makes that ten times faster).
 */
public record SparkInfo(String version, String master, String applicationId, int defaultParallelism,
                        LinearAlgebra driverLinearAlgebra) {
  public static SparkInfo of(SparkSession spark) {
    return new SparkInfo(spark.version(), spark.sparkContext().master(), spark.sparkContext().applicationId(),
        spark.sparkContext().defaultParallelism(), LinearAlgebra.loaded());
  }

  /**
   * netlib's BLAS and LAPACK as loaded in this JVM: {@code native} (the system's library through JNI, e.g.
   * OpenBLAS as liblapack.so.3) or {@code java} (netlib's own build: vectorized for BLAS, a translation of the
   * Fortran for LAPACK); {@code *_implementation} is netlib's class.
   */
  public record LinearAlgebra(String blas, String blasImplementation, String lapack, String lapackImplementation) {
    static LinearAlgebra loaded() {
      BLAS blas = BLAS.getInstance();
      LAPACK lapack = LAPACK.getInstance();
      return new LinearAlgebra(blas instanceof NativeBLAS ? "native" : "java", blas.getClass().getSimpleName(),
          lapack instanceof NativeLAPACK ? "native" : "java", lapack.getClass().getSimpleName());
    }
  }
}
