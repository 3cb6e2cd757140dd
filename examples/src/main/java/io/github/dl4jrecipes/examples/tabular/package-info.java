/**
 * The tabular sample end to end, shared by the sample apps and the command line: train the
 * default recipe on a three-way split and save the {@link
 * io.github.dl4jrecipes.recipes.tabular.TabularModel} folder that {@code predict} and
 * {@code evaluate} read back.
 *
 * <pre>{@code
 * TabularTraining.defaults().run(TabularData.penguins(), r -> r.withEpochs(50), Path.of("out/penguins"), out);
 * TabularPredictions p = TabularModel.load(Path.of("out/penguins")).predict(Path.of("new.csv"));
 * }</pre>
 */
package io.github.dl4jrecipes.examples.tabular;
