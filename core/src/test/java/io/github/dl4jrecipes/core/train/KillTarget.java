package io.github.dl4jrecipes.core.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.nio.file.Path;

/**
 * Child process of {@link KillAndResumeIT}: trains slowly with checkpoints until it is killed.
 * Arguments: the checkpoint folder, then optionally {@value #SHUFFLED}.
 */
public final class KillTarget {

    /** Slows each step so the parent can kill the process in the middle of an epoch. */
    static final long SLEEP_PER_ITERATION_MILLIS = 100;
    /** Second argument: train on {@code InMemoryIterator.shuffled} instead of a list iterator. */
    static final String SHUFFLED = "shuffled";

    private KillTarget() {
    }

    public static void main(String[] args) {
        MultiLayerNetwork net = CheckpointResumeTest.network(16);
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                try {
                    Thread.sleep(SLEEP_PER_ITERATION_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Fit<MultiLayerNetwork> fit = CheckpointResumeTest.fit(net, Path.of(args[0]), CheckpointResumeTest.EPOCHS);
        if (args.length > 1 && args[1].equals(SHUFFLED)) {
            CheckpointResumeTest.runShuffled(fit);
        } else {
            CheckpointResumeTest.run(fit);
        }
    }
}
