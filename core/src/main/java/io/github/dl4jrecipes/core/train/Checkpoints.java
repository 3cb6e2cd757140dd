package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.internal.Args;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how often {@link Fit} saves checkpoints. A checkpoint holds the network, its updater
 * state, the normalizer and the history so far; a run started again with the same folder
 * resumes after the last complete checkpoint and ends with the same weights as an uninterrupted
 * run (on CPU, with iterators that give the same batches in each epoch).
 *
 * <pre>{@code
 * Fit.of(net, task).checkpoints(Checkpoints.in(Path.of("ckpt")).withEvery(2).withKeepLast(3))
 * }</pre>
 *
 * @param dir         the folder; created if missing
 * @param everyEpochs save after every this many epochs (and after the last one), at least 1
 * @param keepLast    how many epoch checkpoints to keep, newest first, at least 1
 * @param saveBest    whether to also keep the best epoch (by validation metric) as {@code best.zip}
 */
public record Checkpoints(Path dir, int everyEpochs, int keepLast, boolean saveBest) {

    /** Default: a checkpoint after every epoch, so a crash loses at most the epoch in progress. */
    public static final int DEFAULT_EVERY_EPOCHS = 1;
    /**
     * Default number of epoch checkpoints kept: 3, so that even if the newest two are damaged a
     * complete one remains (PyTorch Lightning keeps 1 by default, Keras all).
     */
    public static final int DEFAULT_KEEP_LAST = 3;

    /** Validates the settings. */
    public Checkpoints {
        Objects.requireNonNull(dir, "dir");
        Args.atLeast("everyEpochs", everyEpochs, 1, "1 saves after each epoch.");
        Args.atLeast("keepLast", keepLast, 1, "keep at least the newest checkpoint.");
    }

    /** Checkpoints in a folder, after every epoch, keeping the last three and the best. */
    public static Checkpoints in(Path dir) {
        return new Checkpoints(dir, DEFAULT_EVERY_EPOCHS, DEFAULT_KEEP_LAST, true);
    }

    /** A copy that saves every {@code epochs} epochs. */
    public Checkpoints withEvery(int epochs) {
        return new Checkpoints(dir, epochs, keepLast, saveBest);
    }

    /** A copy that keeps the newest {@code count} epoch checkpoints. */
    public Checkpoints withKeepLast(int count) {
        return new Checkpoints(dir, everyEpochs, count, saveBest);
    }

    /** A copy that does or does not keep the best checkpoint. */
    public Checkpoints withSaveBest(boolean save) {
        return new Checkpoints(dir, everyEpochs, keepLast, save);
    }
}
