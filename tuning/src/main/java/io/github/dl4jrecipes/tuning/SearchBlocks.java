package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.optim.OptimizerKind;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;

/**
 * Building blocks of preset search spaces, with ranges practitioners start from. Put them into
 * Arbiter's {@code MultiLayerSpace} (or a {@link SearchSpace}); narrow a block by passing your own
 * bounds.
 *
 * <pre>{@code
 * ParameterSpace<Activation> act = SearchBlocks.activations();
 * MultiLayerSpace space = new MultiLayerSpace.Builder()
 *         .updater(SearchBlocks.optimizer())
 *         .l2(SearchBlocks.l2())
 *         .addLayer(new DenseLayerSpace.Builder().nIn(4).nOut(SearchBlocks.width())
 *                 .activation(act).weightInit(SearchBlocks.initFor(act)).build(), SearchBlocks.depth())
 *         .addLayer(new OutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
 *                 .lossFunction(LossFunctions.LossFunction.MCXENT).build())
 *         .build();
 * }</pre>
 */
public final class SearchBlocks {

    /** Smallest learning rate tried: 1e-4, two decades under Adam's default 1e-3 … */
    public static final double MIN_LEARNING_RATE = 1e-4;
    /** … largest: 1e-1, SGD-with-momentum territory (the LR range test's usual span). */
    public static final double MAX_LEARNING_RATE = 1e-1;
    /** Optimizers tried by default: Adam (Kingma &amp; Ba), Nesterov momentum, RMSProp. */
    public static final List<OptimizerKind> OPTIMIZERS =
            List.of(OptimizerKind.ADAM, OptimizerKind.NESTEROV, OptimizerKind.RMSPROP);
    /** Smallest batch: 16 (Masters &amp; Luschi, 2018, found 2–32 best for generalisation) … */
    public static final int MIN_BATCH = 16;
    /** … largest: 256, where CPU throughput stops improving for small networks. */
    public static final int MAX_BATCH = 256;
    /** Hidden layers: at least 1 … */
    public static final int MIN_DEPTH = 1;
    /**
     * … at most 3, one under the config linter's deep-stack threshold
     * ({@link ConfigLinter#DEEP_STACK}), so that tanh candidates without batch norm pass the linter;
     * 1–3 hidden layers is also the usual range for tabular MLPs.
     */
    public static final int MAX_DEPTH = ConfigLinter.DEEP_STACK - 1;
    /** Units per hidden layer: 16 to 512, powers of two. */
    public static final int MIN_WIDTH = 16;
    /** Most units per hidden layer. */
    public static final int MAX_WIDTH = 512;
    /** Dropout rate (fraction dropped) 0 to 0.5, the rate Srivastava et al. (2014) recommend at most. */
    public static final double MAX_DROPOUT = 0.5;
    /** L2 / weight decay from 1e-6 (barely any) … */
    public static final double MIN_L2 = 1e-6;
    /** … to 1e-2 (strong), log scale. */
    public static final double MAX_L2 = 1e-2;

    private SearchBlocks() {
    }

    /** @return the activation ladder ({@link TabularRecipe#ACTIVATIONS}) as a categorical space */
    public static ParameterSpace<Activation> activations() {
        return activations(TabularRecipe.ACTIVATIONS);
    }

    /**
     * @param activations the activations to try, at least one
     * @return a categorical space over them
     */
    public static ParameterSpace<Activation> activations(List<Activation> activations) {
        return Params.choice("activation", activations);
    }

    /**
     * @param activation the activation space the same layer uses
     * @return the weight initialisation derived from it (never sampled on its own)
     */
    public static ParameterSpace<WeightInit> initFor(ParameterSpace<Activation> activation) {
        return new PairedInitSpace(activation);
    }

    /** @return a log-uniform learning rate on [{@link #MIN_LEARNING_RATE}, {@link #MAX_LEARNING_RATE}] */
    public static ParameterSpace<Double> learningRate() {
        return learningRate(MIN_LEARNING_RATE, MAX_LEARNING_RATE);
    }

    /**
     * @param min smallest learning rate, &gt; 0
     * @param max largest, &gt; min
     * @return a log-uniform learning rate
     */
    public static ParameterSpace<Double> learningRate(double min, double max) {
        return Params.logUniform("learningRate", min, max);
    }

    /** @return one of {@link #OPTIMIZERS} with a log-uniform learning rate */
    public static ParameterSpace<IUpdater> optimizer() {
        return optimizer(OPTIMIZERS, learningRate());
    }

    /**
     * @param kinds        optimizers to try, at least one
     * @param learningRate the learning rate's space
     * @return an optimizer space (the Arbiter updater)
     */
    public static ParameterSpace<IUpdater> optimizer(List<OptimizerKind> kinds, ParameterSpace<Double> learningRate) {
        return new OptimizerSpace(Params.choice("optimizer", kinds), learningRate);
    }

    /** @return a batch size, a power of two in [{@link #MIN_BATCH}, {@link #MAX_BATCH}] */
    public static ParameterSpace<Integer> batchSize() {
        return Params.powersOfTwo("batchSize", MIN_BATCH, MAX_BATCH);
    }

    /** @return hidden layers in [{@link #MIN_DEPTH}, {@link #MAX_DEPTH}] */
    public static ParameterSpace<Integer> depth() {
        return depth(MIN_DEPTH, MAX_DEPTH);
    }

    /**
     * @param min fewest hidden layers, &ge; 1
     * @param max most hidden layers, &ge; min
     * @return the number of hidden layers
     */
    public static ParameterSpace<Integer> depth(int min, int max) {
        if (min < 1) {
            throw new IllegalArgumentException("depth: min must be >= 1 hidden layer, got " + min);
        }
        return Params.integer("depth", min, max);
    }

    /** @return units per layer, a power of two in [{@link #MIN_WIDTH}, {@link #MAX_WIDTH}] */
    public static ParameterSpace<Integer> width() {
        return width(MIN_WIDTH, MAX_WIDTH);
    }

    /**
     * @param min fewest units, a power of two
     * @param max most units, a power of two &ge; min
     * @return units per layer
     */
    public static ParameterSpace<Integer> width(int min, int max) {
        return Params.powersOfTwo("width", min, max);
    }

    /**
     * @return a dropout rate (fraction dropped) in [0, {@link #MAX_DROPOUT}]; note DL4J's
     *         {@code dropOut(x)} takes the fraction kept, 1 − rate
     */
    public static ParameterSpace<Double> dropoutRate() {
        return Params.uniform("dropoutRate", 0, MAX_DROPOUT);
    }

    /** @return an L2 coefficient, log-uniform on [{@link #MIN_L2}, {@link #MAX_L2}] */
    public static ParameterSpace<Double> l2() {
        return Params.logUniform("l2", MIN_L2, MAX_L2);
    }

    /** @return a decoupled weight decay, log-uniform on [{@link #MIN_L2}, {@link #MAX_L2}] */
    public static ParameterSpace<Double> weightDecay() {
        return Params.logUniform("weightDecay", MIN_L2, MAX_L2);
    }
}
