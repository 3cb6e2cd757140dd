/**
 * Tabular recipes: an MLP sized by the data for a table read by the data layer, with one-hot
 * inputs or entity embeddings, dense → batch norm → activation blocks (ELU, Leaky ReLU, ReLU, tanh)
 * or a self-normalizing SELU network, the weight init derived from the activation, Adam with
 * 1cycle, full-batch training on small tables.
 *
 * <pre>{@code
 * TabularData data = TabularData.penguins();
 * TabularSplit split = data.split(0.8, 42);
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema());     // .withEntityEmbeddings(), .withActivation(Activation.ELU)
 * log.info("{}", recipe.card());
 * TrainedModel<?> model = recipe.fit(split.train(), split.valid());
 * split.transform().save(Path.of("out/transform.json"));               // the same preprocessing at inference
 * model.save(Path.of("out/model.zip"));
 * }</pre>
 */
package io.github.dl4jrecipes.recipes.tabular;
