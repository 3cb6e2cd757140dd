/**
 * Tabular recipes: an MLP sized by the data for a table read by the data layer, with one-hot
 * inputs or entity embeddings, dense → batch norm → activation blocks (ELU, Leaky ReLU, ReLU, tanh)
 * or a self-normalizing SELU network, the weight init derived from the activation, Adam with
 * 1cycle in small batches, early stopping with the best epoch's weights restored.
 *
 * <pre>{@code
 * TabularData data = TabularData.penguins();
 * TabularSplit split = data.split(0.8, 42);
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema());     // .withEntityEmbeddings(), .withActivation(Activation.ELU)
 * log.info("{}", recipe.card());
 * TabularModel model = TabularModel.of(recipe.fit(split.train(), split.valid()), split.transform(), recipe);
 * model.save(Path.of("out/penguins"));                                 // network, preprocessing, card
 * TabularPredictions p = TabularModel.load(Path.of("out/penguins")).predict(Path.of("new.csv"));
 * }</pre>
 */
package io.github.dl4jrecipes.recipes.tabular;
