/**
 * Tabular recipes: an MLP sized by the data for a table read by the data layer, with one-hot
 * inputs or entity embeddings, a ReLU + batch norm or a self-normalizing network, Adam with
 * 1cycle, full-batch training on small tables.
 *
 * <pre>{@code
 * TabularData data = TabularData.penguins();
 * TabularSplit split = data.split(0.8, 42);
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema());     // .withEntityEmbeddings(), .selfNormalizing()
 * log.info("{}", recipe.card());
 * TrainedModel<?> model = recipe.fit(split.train(), split.valid());
 * split.transform().save(Path.of("out/transform.json"));               // the same preprocessing at inference
 * model.save(Path.of("out/model.zip"));
 * }</pre>
 */
package io.github.dl4jrecipes.recipes.tabular;
