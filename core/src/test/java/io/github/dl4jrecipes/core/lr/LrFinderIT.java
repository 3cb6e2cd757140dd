package io.github.dl4jrecipes.core.lr;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;

import static io.github.dl4jrecipes.core.lr.LrFinderTest.blobs;
import static io.github.dl4jrecipes.core.lr.LrFinderTest.iterator;
import static io.github.dl4jrecipes.core.lr.LrFinderTest.mlp;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trains seven small networks: the LR finder's suggestion against a 5-point LR grid. */
class LrFinderIT {

    private static final Logger log = LoggerFactory.getLogger(LrFinderIT.class);
    private static final int BATCH = 16;

    /** Trains a fresh network at a fixed LR and returns validation accuracy. */
    private static double accuracyAt(double lr, DataSet train, DataSet valid, int epochs) {
        MultiLayerNetwork net = mlp(new Adam(lr));
        DataSetIterator it = iterator(train, BATCH);
        for (int e = 0; e < epochs; e++) {
            it.reset();
            net.fit(it);
        }
        return LrFinderTest.TASK.evaluate(valid.getLabels(), net.output(valid.getFeatures()));
    }

    @Test
    void suggestionTrainsAsWellAsTheBestOfAFivePointGrid() {
        DataSet all = blobs(2000, 7);
        all.shuffle(7);
        List<DataSet> parts = all.asList();
        DataSet train = DataSet.merge(parts.subList(0, 100 * BATCH));
        DataSet valid = DataSet.merge(parts.subList(100 * BATCH, 2000));
        int epochs = 1;
        double best = 0;
        StringBuilder grid = new StringBuilder();
        for (double lr : new double[]{1e-4, 1e-3, 1e-2, 1e-1, 1}) {
            double acc = accuracyAt(lr, train, valid, epochs);
            grid.append(lr).append("→").append(acc).append(' ');
            best = Math.max(best, acc);
        }
        double suggested = LrFinder.defaults().run(mlp(new Adam()), iterator(train, BATCH)).suggestion();
        double acc = accuracyAt(suggested, train, valid, epochs);
        log.info("LR grid (validation accuracy after {} epoch): {}; LrFinder valley {} -> {}", epochs, grid, suggested, acc);
        assertTrue(acc >= best - 0.02, "suggested " + suggested + " → " + acc + "; grid " + grid);
        assertFalse(Double.isNaN(acc));
    }
}
