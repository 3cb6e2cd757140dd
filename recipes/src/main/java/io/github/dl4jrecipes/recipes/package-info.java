/**
 * Recipes: thin, opinionated presets that assemble the core presets (task heads, paired
 * initialisation, 1cycle, regularization, the training loop) into a network for a task in a few
 * lines, and hand back plain DL4J objects. Each recipe implements {@link
 * io.github.dl4jrecipes.recipes.Recipe}: {@code toConfiguration()}, {@code build()}, {@code
 * fit(train, valid)} and {@code card()}.
 *
 * <pre>{@code
 * TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(50).withSeed(42);
 * log.info("{}", recipe.card());                     // settings, values and their sources
 * TrainedModel<?> model = recipe.fit(split.train(), split.valid());
 * }</pre>
 */
package io.github.dl4jrecipes.recipes;
