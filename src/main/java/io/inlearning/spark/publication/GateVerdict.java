package io.inlearning.spark.publication;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A quality gate's decision, as {@code gate} in the model's metrics.json: whether the model may be published,
 * why in one line, and the figures it was judged on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateVerdict(boolean passed, String reason, String metric, Double score, Double baseline,
                          Double current, String currentVersion, double margin, double tolerance,
                          String difference) {}
