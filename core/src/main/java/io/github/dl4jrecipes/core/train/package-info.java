/**
 * The training loop: {@link io.github.dl4jrecipes.core.train.Fit} trains a plain DL4J network for
 * a {@link io.github.dl4jrecipes.core.task.Task} and returns a
 * {@link io.github.dl4jrecipes.core.train.TrainedModel} (network, {@link
 * io.github.dl4jrecipes.core.train.History}, {@link io.github.dl4jrecipes.core.train.ModelCard}).
 *
 * <pre>{@code
 * TrainedModel<MultiLayerNetwork> model = Fit.of(net, Task.multiclass(3))
 *         .withEpochs(50)
 *         .withEarlyStopping(EarlyStopping.patience(5))          // restores the best weights
 *         .withCheckpoints(Checkpoints.in(Path.of("ckpt")))      // resumes when run again
 *         .withNormalizer(normalizer)                             // saved with the model
 *         .run(train, valid);
 * model.history().writeAll(Path.of("out"), "history");       // JSON, CSV, PNG
 * model.save(Path.of("out/model.zip"));                      // + model.card.json
 *
 * GradientHealth health = GradientHealth.create();           // optional diagnostics listener
 * net.addListeners(health);
 * }</pre>
 *
 * <p>A NaN or infinite loss stops training with a
 * {@link io.github.dl4jrecipes.core.train.TrainingDivergedException} naming the iteration and
 * the likely causes.
 */
package io.github.dl4jrecipes.core.train;
