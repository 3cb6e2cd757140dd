/**
 * Tasks and their heads: what a model predicts decides the output activation, the loss, nOut,
 * the metric that ranks models and the output layer.
 *
 * <pre>{@code
 * Task task = Task.binary().withMetric(Metric.MCC);          // imbalanced yes/no
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
 *         .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
 *         .layer(task.outputLayer())                          // sigmoid + XENT, nOut 1
 *         .setInputType(InputType.feedForward(8)).build();
 * double mcc = task.evaluate(labels, net.output(features));
 * if (task.metric().isBetter(mcc, best)) { ... }
 * }</pre>
 */
package io.github.dl4jrecipes.core.task;
