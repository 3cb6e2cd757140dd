/**
 * Plumbing of the training loop that is not API: atomic file writes, the JSON mapper, the
 * checkpoint store, progress output. May change without notice.
 */
package io.github.dl4jrecipes.core.train.internal;
