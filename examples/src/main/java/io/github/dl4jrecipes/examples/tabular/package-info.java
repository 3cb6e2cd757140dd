/**
 * The tabular sample end to end, shared by the sample apps and the command line: train the
 * default recipe on a three-way split and write a {@link
 * io.github.dl4jrecipes.examples.tabular.ModelFolder}; read CSV rows and predict with a saved
 * model.
 *
 * <pre>{@code
 * TabularTraining.defaults().run(TabularData.penguins(), r -> r.withEpochs(50), Path.of("out/penguins"), out);
 * ModelFolder.Loaded saved = new ModelFolder(Path.of("out/penguins")).load();
 * TabularPredictor predictor = new TabularPredictor(saved.model(), saved.transform());
 * INDArray outputs = predictor.predict(CsvRows.read(Path.of("new.csv")), System.err::println);
 * }</pre>
 */
package io.github.dl4jrecipes.examples.tabular;
