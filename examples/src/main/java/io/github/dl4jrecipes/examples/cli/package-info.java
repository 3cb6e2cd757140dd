/**
 * The {@code dl4j-recipes} command line (picocli). Run it with {@code ./dl4j-recipes} from the
 * repository root, or in code:
 *
 * <pre>{@code
 * int code = Dl4jRecipes.run(new PrintWriter(System.out), new PrintWriter(System.err),
 *         "train", "tabular", "--csv", "houses.csv", "--target", "price", "--output", "out/houses");
 * }</pre>
 *
 * <p>{@code train}, {@code lr-find}, {@code evaluate} and {@code predict} are groups with one
 * subcommand per kind of data; add a subcommand to a group's {@code subcommands} list.
 */
package io.github.dl4jrecipes.examples.cli;
