package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.lint.LintReport;
import io.github.dl4jrecipes.core.optim.OptimizerKind;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.tuning.internal.Seeds;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preset blocks: every sampled candidate pairs its weight init with its activation. */
class SearchBlocksTest {

    private static final int CANDIDATES = 1000;

    static MultiLayerSpace tabularSpace(int nIn, int nOut) {
        return tabularSpace(nIn, nOut, SearchBlocks.width(), SearchBlocks.depth());
    }

    /** The same space narrowed to small networks, for tests that train them. */
    static MultiLayerSpace smallTabularSpace(int nIn, int nOut) {
        return tabularSpace(nIn, nOut, SearchBlocks.width(4, 16), SearchBlocks.depth(1, 2));
    }

    private static MultiLayerSpace tabularSpace(int nIn, int nOut, ParameterSpace<Integer> width,
                                                ParameterSpace<Integer> depth) {
        ParameterSpace<Activation> activation = SearchBlocks.activations();
        return new MultiLayerSpace.Builder()
                .seed(42)
                .updater(SearchBlocks.optimizer())
                .l2(SearchBlocks.l2())
                .addLayer(new DenseLayerSpace.Builder().nIn(nIn).nOut(width)
                        .activation(activation).weightInit(SearchBlocks.initFor(activation)).build(), depth)
                .addLayer(new OutputLayerSpace.Builder().nOut(nOut).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .build();
    }

    private static Activation activationOf(IActivation fn) {
        for (Activation a : Activation.values()) {
            try {
                if (a.getActivationFunction().getClass() == fn.getClass()) {
                    return a;
                }
            } catch (UnsupportedOperationException e) {
                // activations without a function object are never sampled
            }
        }
        throw new AssertionError("unknown activation " + fn);
    }

    @Test
    void everyOf1000CandidatesPairsInitWithActivationAndPassesTheLinter() {
        UnitSpace<DL4JConfiguration> space = UnitSpace.of(tabularSpace(4, 3));
        Set<Activation> seen = EnumSet.noneOf(Activation.class);
        Set<Integer> depths = new HashSet<>();
        Set<String> updaters = new HashSet<>();
        for (int n = 1; n <= CANDIDATES; n++) {
            Random rng = Seeds.forTrial(7, n);
            double[] x = Samplers.random().propose(space.dimensions(), List.of(), n, rng);
            MultiLayerConfiguration conf = space.value(x).getMultiLayerConfiguration();
            LintReport lint = ConfigLinter.lint(conf, Task.multiclass(3));
            assertTrue(lint.isClean(), "candidate " + n + " fails the linter: " + lint);
            List<Layer> hidden = conf.getConfs().stream().map(c -> c.getLayer())
                    .filter(l -> l instanceof DenseLayer && !(l instanceof org.deeplearning4j.nn.conf.layers.OutputLayer))
                    .toList();
            depths.add(hidden.size());
            for (Layer l : hidden) {
                BaseLayer layer = (BaseLayer) l;
                Activation act = activationOf(layer.getActivationFn());
                seen.add(act);
                assertEquals(WeightInits.forActivation(act).getWeightInitFunction().getClass(),
                        layer.getWeightInitFn().getClass(), "candidate " + n + ": " + act + " with "
                                + layer.getWeightInitFn());
            }
            IUpdater updater = ((BaseLayer) hidden.get(0)).getIUpdater();
            updaters.add(updater.getClass().getSimpleName());
            double lr = updater.getLearningRate(0, 0);
            assertTrue(lr >= SearchBlocks.MIN_LEARNING_RATE && lr <= SearchBlocks.MAX_LEARNING_RATE, "lr " + lr);
        }
        assertEquals(EnumSet.copyOf(TabularRecipe.ACTIVATIONS), seen, "the whole ladder is sampled");
        assertEquals(Set.of(1, 2, 3), depths);
        assertEquals(Set.of("Adam", "Nesterovs", "RmsProp"), updaters);
        assertEquals(List.of("layer_0.count", "layer_0.activationFunction.activation", "layer_0.nOut", "l2", "updater.learningRate",
                        "updater.optimizer").stream().sorted().toList(),
                space.dimensions().stream().map(Dimension::name).sorted().toList(),
                "named coordinates; the weight init has none of its own");
    }

    @Test
    void theHypergradientLearningRateIsATuningDimension() {
        MultiLayerSpace space = new MultiLayerSpace.Builder().seed(42)
                .updater(SearchBlocks.optimizer(List.of(OptimizerKind.ADAM, OptimizerKind.ADAM_HD),
                        SearchBlocks.learningRate()))
                .addLayer(new DenseLayerSpace.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .build();
        UnitSpace<DL4JConfiguration> unit = UnitSpace.of(space);
        Set<String> updaters = new HashSet<>();
        for (int n = 1; n <= 50; n++) {
            double[] x = Samplers.random().propose(unit.dimensions(), List.of(), n, Seeds.forTrial(3, n));
            MultiLayerConfiguration conf = unit.value(x).getMultiLayerConfiguration();
            IUpdater updater = ((BaseLayer) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0).getLayer())
                    .getIUpdater();
            updaters.add(updater.getClass().getSimpleName());
            double lr = updater.getLearningRate(0, 0);
            assertTrue(lr >= SearchBlocks.MIN_LEARNING_RATE && lr <= SearchBlocks.MAX_LEARNING_RATE, "lr " + lr);
        }
        assertEquals(Set.of("Adam", "HypergradientAdam"), updaters, "both kinds drawn, each survives the JSON round trip");
    }

    @Test
    void blocksSpanTheirDocumentedRanges() {
        UnitSpace<java.util.Map<String, Object>> s = UnitSpace.of(SearchSpace.of(java.util.Map.of(
                "batch", SearchBlocks.batchSize(), "dropout", SearchBlocks.dropoutRate(), "l2", SearchBlocks.l2(),
                "wd", SearchBlocks.weightDecay(), "lr", SearchBlocks.learningRate())));
        double[] lo = new double[s.dimensions().size()];
        double[] hi = new double[lo.length];
        Arrays.fill(hi, 1.0);
        assertEquals(16, s.value(lo).get("batch"));
        assertEquals(256, s.value(hi).get("batch"));
        assertEquals(SearchBlocks.MIN_L2, (Double) s.value(lo).get("l2"), 1e-12);
        assertEquals(SearchBlocks.MAX_L2, (Double) s.value(hi).get("l2"), 1e-9);
        assertEquals(SearchBlocks.MAX_DROPOUT, (Double) s.value(hi).get("dropout"), 1e-12);
        double[] mid = new double[lo.length];
        Arrays.fill(mid, 0.5);
        assertEquals(Math.sqrt(SearchBlocks.MIN_LEARNING_RATE * SearchBlocks.MAX_LEARNING_RATE),
                (Double) s.value(mid).get("lr"), 1e-9, "log scale: the middle is the geometric mean");
    }
}
