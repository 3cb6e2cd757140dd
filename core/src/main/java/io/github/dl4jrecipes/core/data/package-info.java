/**
 * Data loading for dl4j-recipes: IDX image sets, CSV tables with schema inference, image folders,
 * seeded stratified splits and fast in-memory iterators. Everything hands back plain ND4J/DL4J
 * objects ({@code DataSet}, {@code DataSetIterator}).
 *
 * <pre>{@code
 * DataSet train = FashionMnist.load().train();                 // [60000,1,28,28], one-hot labels
 * Split split = Splits.trainValid(train, 0.9, 42);             // stratified by class
 * DataSetIterator it = InMemoryIterator.shuffled(split.train(), 64, 42);
 *
 * TabularData penguins = TabularData.penguins();               // bundled CSV, target "species"
 * TabularSplit tab = penguins.split(0.8, 42);                  // transform fitted on train only
 * TabularData test = TabularData.fromCsv(Path.of("test.csv")).target("species").build();
 * DataSet scored = test.encode(tab.transform());               // columns matched by name
 * CsvTable raw = CsvTable.read(Path.of("new.csv"), CsvFormat.DEFAULT.withDelimiter(';'));
 * }</pre>
 */
package io.github.dl4jrecipes.core.data;
