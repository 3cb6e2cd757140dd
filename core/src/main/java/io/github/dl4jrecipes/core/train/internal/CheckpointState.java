package io.github.dl4jrecipes.core.train.internal;

import io.github.dl4jrecipes.core.train.History;

import java.util.Map;

/**
 * What a checkpoint's JSON file holds next to the network zip. The JSON is written after the zip
 * and is the commit marker: a zip without it is an unfinished checkpoint.
 *
 * @param formatVersion   {@link #FORMAT_VERSION} when written
 * @param epoch           the number of epochs completed (1-based epoch of the checkpoint)
 * @param networkKind     {@link Net#kind()}
 * @param zipSha256       SHA-256 of the zip, to detect a corrupted or truncated file
 * @param architecture    {@link Net#architecture()} of the saved network
 * @param history         the history up to and including {@code epoch}
 * @param dataFingerprint fingerprint of the training data, or "" when not known
 * @param seed            the seed the run uses
 * @param iterators       the {@code ResumableIterator} state of the train and valid iterators at
 *                        the end of {@code epoch}, by role ("train", "valid"); empty in version 1
 * @param settings        the run's configuration (Fit's settings and the recipe's card), which a
 *                        resumed run must match; empty in version 1
 */
public record CheckpointState(int formatVersion, int epoch, String networkKind, String zipSha256,
                              Map<String, String> architecture, History history,
                              String dataFingerprint, long seed, Map<String, Map<String, Long>> iterators,
                              Map<String, String> settings) {

    /** Current version of this file format: 2 added {@code iterators} and {@code settings}. */
    public static final int FORMAT_VERSION = 2;

    /** Copies the maps; a version-1 file has no iterator states nor settings. */
    public CheckpointState {
        architecture = Map.copyOf(architecture);
        iterators = iterators == null ? Map.of() : Map.copyOf(iterators);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** A copy with the zip's SHA-256. */
    public CheckpointState withZipSha256(String sha256) {
        return new CheckpointState(formatVersion, epoch, networkKind, sha256, architecture, history,
                dataFingerprint, seed, iterators, settings);
    }
}
