/**
 * Image classifier recipes: {@code small()} (default), {@code resnet()}, {@code lenet()} and
 * {@code transfer(..)} from local zoo weights, trained with augmentation on a background thread,
 * 1cycle at the LR finder's pick and DL4J's oneDNN helpers; every network is a plain
 * {@code ComputationGraph}.
 *
 * <pre>{@code
 * IdxImages fm = FashionMnist.load();
 * ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, 10)       // small(), Augment.standard(), 1cycle
 *         .withEpochs(10);
 * TrainedModel<ComputationGraph> model = recipe.fit(fm.train(), fm.test());
 * model.save(Path.of("fashion.zip"));                             // + card and history
 *
 * ImageRecipe tuned = ImageRecipe.classifier(227, 227, 3, 5)
 *         .transfer(Pretrained.of(SqueezeNet.builder().build(), Path.of("squeezenet.zip")));
 * }</pre>
 */
package io.github.dl4jrecipes.recipes.image;
