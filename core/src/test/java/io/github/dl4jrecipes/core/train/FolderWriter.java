package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link ModelFolderKillIT}: replaces a model folder again and again until it is
 * killed. Generation g writes {@value #BEFORE} = g, a model whose every parameter is g, then
 * {@value #AFTER} = g, so a folder mixing two generations shows.
 */
public final class FolderWriter {

    static final String BEFORE = "generation.txt";
    static final String AFTER = "generation-again.txt";
    static final String MODEL = "model.zip";
    /** Writes before "ready", so that the kills fall on warm writes, not on class loading. */
    static final int WARM_UP = 3;

    private FolderWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long g = Long.parseLong(args[1]);
        MultiLayerNetwork net = TinyData.network(8, new Sgd(0.1), 0);
        ModelCard card = new ModelCard("MultiLayerNetwork", 7, "none", Map.of(), List.of(), net.numParams(),
                "test", "test", "test", "test", "test", "test");
        for (; ; g++) {
            if (g == Long.parseLong(args[1]) + WARM_UP) {
                System.out.println("ready");
            }
            net.params().assign(g);
            TrainedModel<MultiLayerNetwork> model = new TrainedModel<>(net, History.empty("accuracy", true), card, null);
            String generation = Long.toString(g);
            AtomicFolder.write(dir, staging -> {
                Files.writeString(staging.resolve(BEFORE), generation);
                model.save(staging.resolve(MODEL));
                Files.writeString(staging.resolve(AFTER), generation);
            });
            System.out.println("wrote " + g + " at " + System.nanoTime() / 1_000_000);
        }
    }
}
