package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.internal.Args;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how often {@link Fit} saves checkpoints. A checkpoint holds the network, its updater
 * state, the normalizer, the history so far and the state of the train and validation iterators;
 * a run started again with the same folder resumes after the last complete checkpoint and ends
 * with the same weights as an uninterrupted run, bit for bit on CPU.
 *
 * <p>The iterators' state is what makes this exact with shuffling and augmentation: every
 * iterator the library creates ({@code InMemoryIterator}, {@code ImageFolderData.iterator},
 * {@code Augment.iterator}) is a {@link io.github.dl4jrecipes.core.data.ResumableIterator} whose
 * state (its reset count) goes into the checkpoint and is restored on resume (the draws of a
 * DataVec transform set with {@code ImageFolders.withTransform} excepted: restoring warns), and a
 * checkpoint whose saved state does not fit the iterator (another number of examples) is refused. An
 * iterator of your own resumes exactly if it gives the same batches in every epoch whatever
 * happened before (DL4J's {@code ListDataSetIterator}), or implements {@code ResumableIterator}:
 * it draws each epoch's order from a seed and its reset count, reports the count in
 * {@code state()} and sets it back in {@code restore(..)}. Any other iterator restarts its
 * random draws on resume (logged), and the resumed run differs from an uninterrupted one.
 *
 * <p>A checkpoint also records the run's settings (those given with {@code Fit.setting}, such as
 * a recipe's card, and the task, seed, early stopping and train-metric choice): a run resumed with
 * other settings is refused with an {@code IllegalArgumentException} naming the first that
 * differs. The epoch count may grow, to train a run on.
 *
 * <p>A folder serves one run at a time: the run locks it ({@code .lock}, released when it ends or
 * its process dies) and a second run on the same folder fails at once with an
 * {@code IllegalStateException} naming it. Temporary files a killed run left are deleted when
 * the folder is opened.
 *
 * <pre>{@code
 * Fit.of(net, task).withCheckpoints(Checkpoints.in(Path.of("ckpt")).withEvery(2).withKeepLast(3))
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
