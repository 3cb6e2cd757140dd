/**
 * Plumbing of the training loop that is not API: atomic file writes, the JSON mapper, the
 * checkpoint store, the network adapter, progress output. May change without notice.
 */
package io.github.dl4jrecipes.core.train.internal;
