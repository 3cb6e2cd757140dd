/**
 * Image sample apps: {@link io.github.dl4jrecipes.examples.image.FashionMnistSample} and
 * {@link io.github.dl4jrecipes.examples.image.ImageFolderSample}, each runnable with one command.
 *
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests exec:java \
 *   -Dexec.mainClass=io.github.dl4jrecipes.examples.image.FashionMnistSample \
 *   -Dexec.args="--epochs 1 --train-subset 3000 --test-subset 1000 --output target/fashion-smoke"
 * </pre>
 */
package io.github.dl4jrecipes.examples.image;
