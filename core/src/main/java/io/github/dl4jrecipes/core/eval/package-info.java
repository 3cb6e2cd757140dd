/**
 * Evaluation and interpretation: the task's metric with DL4J's full evaluation
 * ({@link io.github.dl4jrecipes.core.eval.TaskEvaluation}), a classifier's confusion matrix as
 * text and PNG, its most confused pairs and highest-loss examples
 * ({@link io.github.dl4jrecipes.core.eval.ClassifierReport}), and inference latency per example
 * ({@link io.github.dl4jrecipes.core.eval.Latency}).
 *
 * <pre>{@code
 * ClassifierReport report = ClassifierReport.of(net, test, classNames);
 * report.writeHeatMap(Path.of("confusion.png"));
 * List<ConfusedPair> pairs = report.mostConfused(3);
 * List<ExampleLoss> suspects = report.topLosses(10);
 * double f2 = report.fBeta(2.0, EvaluationAveraging.Macro);
 * Latency latency = Latency.measure(net, batch);
 * }</pre>
 */
package io.github.dl4jrecipes.core.eval;
