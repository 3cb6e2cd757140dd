/**
 * Helpers shared by every module that are not API: argument checks with one message format.
 * May change without notice.
 *
 * <pre>{@code
 * this.epochs = Args.atLeast("epochs", epochs, 1, "pass the number of passes over the data");
 * // IllegalArgumentException: epochs must be >= 1, got 0; pass the number of passes over the data
 * }</pre>
 */
package io.github.dl4jrecipes.core.internal;
