/**
 * Sample apps: {@link io.github.dl4jrecipes.examples.QuickStart} (the default tabular recipe on
 * the bundled penguins data) and {@link io.github.dl4jrecipes.examples.TabularCsv} (any CSV file
 * and target column) and {@link io.github.dl4jrecipes.examples.TunePenguins} (ASHA over the
 * tabular recipe's preset space on penguins, with the leaderboard and the HTML report).
 *
 * <pre>{@code
 * mvn -B -q -pl examples -am package -DskipTests exec:java
 * }</pre>
 */
package io.github.dl4jrecipes.examples;
