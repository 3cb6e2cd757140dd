package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.optim.Optimizer;
import io.github.dl4jrecipes.core.optim.OptimizerKind;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An optimizer drawn from a list of kinds, with a learning rate from its own space (shared by all
 * kinds): two coordinates, the kind (categorical) and the learning rate.
 */
final class OptimizerSpace implements ParameterSpace<IUpdater> {

    private final ParameterSpace<OptimizerKind> kind;
    private final ParameterSpace<Double> learningRate;

    OptimizerSpace(ParameterSpace<OptimizerKind> kind, ParameterSpace<Double> learningRate) {
        this.kind = kind;
        this.learningRate = learningRate;
    }

    @Override
    public IUpdater getValue(double[] input) {
        return Optimizer.of(kind.getValue(input)).withLearningRate(learningRate.getValue(input)).updater();
    }

    @Override
    public int numParameters() {
        return kind.numParameters() + learningRate.numParameters();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>(kind.collectLeaves());
        leaves.addAll(learningRate.collectLeaves());
        return leaves;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of("optimizer", kind, "learningRate", learningRate);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("OptimizerSpace is not a leaf; indices go to its leaves");
    }

    @Override
    public String toString() {
        return "OptimizerSpace(" + kind + ", lr=" + learningRate + ")";
    }
}
