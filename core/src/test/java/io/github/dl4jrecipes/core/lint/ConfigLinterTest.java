package io.github.dl4jrecipes.core.lint;

import io.github.dl4jrecipes.core.optim.BatchNormBlocks;
import io.github.dl4jrecipes.core.optim.Dropouts;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.task.Task;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLinterTest {

    private static DenseLayer dense(Activation act, WeightInit init) {
        return new DenseLayer.Builder().nOut(8).activation(act).weightInit(init).build();
    }

    private static DenseLayer dense(Activation act) {
        return dense(act, io.github.dl4jrecipes.core.init.WeightInits.forActivation(act));
    }

    private static OutputLayer softmaxHead(int n) {
        return Task.multiclass(n).outputLayer();
    }

    private static MultiLayerConfiguration mlp(IUpdater updater, Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).updater(updater).list();
        for (Layer l : layers) {
            list.layer(l);
        }
        return list.setInputType(InputType.feedForward(4)).validateOutputLayerConfig(false).build();
    }

    private static MultiLayerConfiguration mlp(Layer... layers) {
        return mlp(new Adam(1e-3), layers);
    }

    /** Asserts the rule fires on {@code bad}, that the auto-fix clears every finding and that the fixed config builds a network. */
    private static void assertFixed(MultiLayerConfiguration bad, Rule rule, Task task) {
        LintReport before = ConfigLinter.lint(bad, task);
        assertFalse(before.of(rule).isEmpty(), rule + " should fire: " + before);
        String json = bad.toJson();
        MultiLayerConfiguration fixed = ConfigLinter.fix(bad, task);
        assertEquals(json, bad.toJson(), "the input configuration must not change");
        LintReport after = ConfigLinter.lint(fixed, task);
        assertTrue(after.isClean(), "after fix: " + after);
        new MultiLayerNetwork(fixed).init();
    }

    private static void assertClean(MultiLayerConfiguration good, Task task) {
        LintReport report = ConfigLinter.lint(good, task);
        assertTrue(report.isClean(), report.toString());
    }

    @Test
    void presetBuiltNetworksAreClean() {
        assertClean(mlp(dense(Activation.RELU), dense(Activation.RELU), softmaxHead(3)), Task.multiclass(3));
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().updater(new Adam()).list();
        BatchNormBlocks.conv(4, 3, Activation.RELU).forEach(list::layer);
        BatchNormBlocks.dense(8, Activation.TANH).forEach(list::layer);
        list.layer(Task.binary().outputLayer());
        assertClean(list.setInputType(InputType.convolutional(8, 8, 1)).build(), Task.binary());
    }

    @Test
    void linearHiddenLayer() {
        assertFixed(mlp(dense(Activation.IDENTITY), softmaxHead(3)), Rule.LINEAR_HIDDEN_LAYER, null);
        Finding f = ConfigLinter.lint(mlp(dense(Activation.IDENTITY), softmaxHead(3))).of(Rule.LINEAR_HIDDEN_LAYER).get(0);
        assertEquals("layer0 (DenseLayer)", f.layer());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.fix().contains("RELU"));
        // identity output layer (regression) and identity before BN → activation are fine
        assertTrue(ConfigLinter.lint(mlp(dense(Activation.RELU), Task.regression(1).outputLayer()))
                .of(Rule.LINEAR_HIDDEN_LAYER).isEmpty());
    }

    @Test
    void initNotPairedWithActivation() {
        assertFixed(mlp(dense(Activation.RELU, WeightInit.XAVIER), softmaxHead(3)), Rule.INIT_NOT_PAIRED, null);
        assertFixed(mlp(dense(Activation.TANH, WeightInit.RELU), softmaxHead(3)), Rule.INIT_NOT_PAIRED, null);
        assertTrue(ConfigLinter.lint(mlp(dense(Activation.RELU, WeightInit.RELU_UNIFORM), softmaxHead(3)))
                .of(Rule.INIT_NOT_PAIRED).isEmpty());
        MultiLayerConfiguration fixed = ConfigLinter.fix(mlp(dense(Activation.RELU, WeightInit.XAVIER), softmaxHead(3)));
        assertEquals(WeightInit.RELU.getWeightInitFunction().getClass(),
                ((BaseLayer) fixed.getConf(0).getLayer()).getWeightInitFn().getClass());
    }

    @Test
    void initIsPairedWithTheActivationBehindAResidualAdd() {
        assertTrue(ConfigLinter.lint(residual(WeightInit.RELU, Activation.RELU)).isClean(),
                "conv → BN → add → ReLU with He init is a ResNet block");
        List<Finding> tanh = ConfigLinter.lint(residual(WeightInit.RELU, Activation.TANH)).of(Rule.INIT_NOT_PAIRED);
        assertEquals(List.of("conv (ConvolutionLayer)"), tanh.stream().map(Finding::layer).toList(),
                "He init before add → tanh is still reported: " + tanh);
    }

    /** in → conv(identity, init) → BN → add(in) → activation → softmax head. */
    private static ComputationGraphConfiguration residual(WeightInit init, Activation after) {
        return new NeuralNetConfiguration.Builder().updater(new Adam()).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2)
                        .convolutionMode(ConvolutionMode.Same).hasBias(false)
                        .activation(Activation.IDENTITY).weightInit(init).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn", "in")
                .addLayer("act", new ActivationLayer.Builder().activation(after).build(), "add")
                .addLayer("out", Task.multiclass(3).outputLayer(), "act").setOutputs("out").build();
    }

    @Test
    void aLinearLayerMergedWithOtherInputsIsAProjectionNotALinearHiddenLayer() {
        ComputationGraphConfiguration embedding = new NeuralNetConfiguration.Builder().updater(new Adam()).graphBuilder()
                .addInputs("category", "numbers").setInputTypes(InputType.feedForward(5), InputType.feedForward(3))
                .addLayer("embedding", new DenseLayer.Builder().nOut(2).hasBias(false).activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER).build(), "category")
                .addVertex("merged", new MergeVertex(), "embedding", "numbers")
                .addLayer("hidden", dense(Activation.RELU), "merged")
                .addLayer("out", softmaxHead(3), "hidden").setOutputs("out").build();
        assertTrue(ConfigLinter.lint(embedding).isClean(), ConfigLinter.lint(embedding).toString());
    }

    @Test
    void outputActivationLossMismatchAndDl4jInvalidPairs() {
        OutputLayer softmaxMse = new OutputLayer.Builder(LossFunction.MSE).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).nOut(3).build();
        assertFixed(mlp(dense(Activation.RELU), softmaxMse), Rule.OUTPUT_LOSS_MISMATCH, null);
        OutputLayer softmaxOne = new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).nOut(1).build();
        assertEquals(Severity.ERROR, ConfigLinter.lint(mlp(dense(Activation.RELU), softmaxOne))
                .of(Rule.OUTPUT_LOSS_MISMATCH).get(0).severity());
        assertFixed(mlp(dense(Activation.RELU), softmaxOne), Rule.OUTPUT_LOSS_MISMATCH, null);
        OutputLayer identityMcxent = new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER).nOut(3).build();
        assertFixed(mlp(dense(Activation.RELU), identityMcxent), Rule.OUTPUT_LOSS_MISMATCH, null);
        OutputLayer reluXent = new OutputLayer.Builder(LossFunction.XENT).activation(Activation.RELU).nOut(1).build();
        assertFixed(mlp(dense(Activation.RELU), reluXent), Rule.OUTPUT_LOSS_MISMATCH, null);
        // negatives: the task's own heads
        for (Task t : List.of(Task.binary(), Task.multiclass(4), Task.multilabel(3), Task.regression(2),
                Task.positiveRegression(1).withHuberLoss(2))) {
            assertClean(mlp(dense(Activation.RELU), t.outputLayer()), t);
        }
    }

    @Test
    void outputMustFitTheTask() {
        MultiLayerConfiguration binaryNet = mlp(dense(Activation.RELU), Task.binary().outputLayer());
        LintReport report = ConfigLinter.lint(binaryNet, Task.multiclass(5));
        Finding f = report.of(Rule.OUTPUT_LOSS_MISMATCH).get(0);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("nOut 1 (task wants 5)") && f.message().contains("SIGMOID"), f.message());
        assertFixed(binaryNet, Rule.OUTPUT_LOSS_MISMATCH, Task.multiclass(5));
        MultiLayerConfiguration fixed = ConfigLinter.fix(binaryNet, Task.multiclass(5));
        assertInstanceOf(LossMCXENT.class, ((OutputLayer) fixed.getConf(1).getLayer()).getLossFn());
    }

    @Test
    void seluWithoutLecunInit() {
        assertFixed(mlp(dense(Activation.SELU, WeightInit.RELU), dense(Activation.SELU), softmaxHead(3)),
                Rule.SELU_WITHOUT_LECUN, null);
        assertTrue(ConfigLinter.lint(mlp(dense(Activation.SELU), dense(Activation.SELU), softmaxHead(3))).isClean());
    }

    @Test
    void seluWithOrdinaryDropout() {
        DenseLayer second = new DenseLayer.Builder().nOut(8).activation(Activation.SELU).weightInit(WeightInit.LECUN_NORMAL)
                .dropOut(0.9).build();
        assertFixed(mlp(dense(Activation.SELU), second, softmaxHead(3)), Rule.SELU_WITH_DROPOUT, null);
        MultiLayerConfiguration fixed = ConfigLinter.fix(mlp(dense(Activation.SELU), second, softmaxHead(3)));
        AlphaDropout alpha = (AlphaDropout) fixed.getConf(1).getLayer().getIDropout();
        assertEquals(0.9, alpha.getP(), 1e-12);
        DenseLayer alphaSecond = new DenseLayer.Builder().nOut(8).activation(Activation.SELU)
                .weightInit(WeightInit.LECUN_NORMAL).dropOut(Dropouts.alphaDropout(0.1)).build();
        assertTrue(ConfigLinter.lint(mlp(dense(Activation.SELU), alphaSecond, softmaxHead(3))).isClean());
        // ordinary dropout after ReLU layers is fine
        DenseLayer reluDropout = new DenseLayer.Builder().nOut(8).activation(Activation.RELU).weightInit(WeightInit.RELU)
                .dropOut(0.5).build();
        assertTrue(ConfigLinter.lint(mlp(dense(Activation.RELU), reluDropout, softmaxHead(3))).isClean());
    }

    @Test
    void seluWithBatchNormIsReportedNotAutoFixed() {
        MultiLayerConfiguration conf = mlp(dense(Activation.SELU), new BatchNormalization.Builder().build(), softmaxHead(3));
        Finding f = ConfigLinter.lint(conf).of(Rule.SELU_WITH_BATCH_NORM).get(0);
        assertTrue(f.layer().contains("BatchNormalization") && f.fix().contains("remove"), f.toString());
        assertFalse(Rule.SELU_WITH_BATCH_NORM.autoFixable());
        assertFalse(ConfigLinter.lint(ConfigLinter.fix(conf)).of(Rule.SELU_WITH_BATCH_NORM).isEmpty());
        MultiLayerConfiguration relu = mlp(dense(Activation.RELU), new BatchNormalization.Builder().build(), softmaxHead(3));
        assertTrue(ConfigLinter.lint(relu).of(Rule.SELU_WITH_BATCH_NORM).isEmpty());
    }

    private static ComputationGraphConfiguration branchy(Activation act) {
        return new NeuralNetConfiguration.Builder().updater(new Adam()).graphBuilder().addInputs("in")
                .addLayer("a", dense(act), "in").addLayer("b", dense(act), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("out", softmaxHead(3), "merge").setOutputs("out")
                .setInputTypes(InputType.feedForward(4)).build();
    }

    @Test
    void seluInNonSequentialGraph() {
        LintReport report = ConfigLinter.lint(branchy(Activation.SELU));
        assertFalse(report.of(Rule.SELU_IN_NON_SEQUENTIAL_GRAPH).isEmpty(), report.toString());
        assertTrue(report.of(Rule.SELU_IN_NON_SEQUENTIAL_GRAPH).stream().anyMatch(f -> f.layer().startsWith("merge")));
        assertTrue(ConfigLinter.lint(branchy(Activation.RELU)).isClean(), ConfigLinter.lint(branchy(Activation.RELU)).toString());
        ComputationGraphConfiguration sequential = new NeuralNetConfiguration.Builder().updater(new Adam()).graphBuilder()
                .addInputs("in").addLayer("a", dense(Activation.SELU), "in").addLayer("out", softmaxHead(3), "a")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build();
        assertTrue(ConfigLinter.lint(sequential).isClean());
    }

    @Test
    void saturatingDeepStackWithoutBatchNorm() {
        Layer[] deep = {dense(Activation.TANH), dense(Activation.SIGMOID), dense(Activation.TANH), dense(Activation.TANH),
                softmaxHead(3)};
        assertEquals(4, ConfigLinter.lint(mlp(deep)).of(Rule.SATURATING_DEEP_STACK).size());
        assertFixed(mlp(deep), Rule.SATURATING_DEEP_STACK, null);
        Layer[] shallow = {dense(Activation.TANH), dense(Activation.TANH), dense(Activation.TANH), softmaxHead(3)};
        assertTrue(ConfigLinter.lint(mlp(shallow)).isClean());
        NeuralNetConfiguration.ListBuilder withBn = new NeuralNetConfiguration.Builder().updater(new Adam()).list();
        for (int i = 0; i < 4; i++) {
            BatchNormBlocks.dense(8, Activation.TANH).forEach(withBn::layer);
        }
        withBn.layer(softmaxHead(3));
        assertTrue(ConfigLinter.lint(withBn.setInputType(InputType.feedForward(4)).build()).isClean());
    }

    private static MultiLayerConfiguration rnn(GradientNormalization clipping) {
        return new NeuralNetConfiguration.Builder().updater(new Adam()).list()
                .layer(new LSTM.Builder().nOut(6).activation(Activation.TANH).weightInit(WeightInit.XAVIER)
                        .gradientNormalization(clipping).gradientNormalizationThreshold(1.0).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).nOut(3).build())
                .setInputType(InputType.recurrent(4)).build();
    }

    @Test
    void rnnWithoutGradientClipping() {
        MultiLayerConfiguration bad = rnn(GradientNormalization.None);
        assertFixed(bad, Rule.RNN_WITHOUT_CLIPPING, null);
        assertEquals(GradientNormalization.ClipL2PerLayer,
                ((BaseLayer) ConfigLinter.fix(bad).getConf(0).getLayer()).getGradientNormalization());
        assertTrue(ConfigLinter.lint(rnn(GradientNormalization.ClipL2PerLayer)).isClean());
    }

    @Test
    void batchNormBetweenRecurrentLayersIsFlaggedButNotAfterTheLastOne() {
        LSTM.Builder lstm = new LSTM.Builder().nOut(6).activation(Activation.TANH).weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(1.0);
        MultiLayerConfiguration inside = new NeuralNetConfiguration.Builder().updater(new Adam()).list()
                .layer(lstm.build())
                .layer(new BatchNormalization.Builder().build())
                .layer(lstm.build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).nOut(3).build())
                .setInputType(InputType.recurrent(4)).build();
        List<Finding> found = ConfigLinter.lint(inside).of(Rule.BATCH_NORM_IN_RECURRENT_STACK);
        assertEquals(1, found.size(), ConfigLinter.lint(inside).toString());
        assertTrue(found.get(0).layer().startsWith("layer 1") || found.get(0).layer().contains("BatchNormalization"),
                found.get(0).toString());
        assertTrue(found.get(0).fix().contains("Clipping.byNorm()"), found.get(0).toString());
        MultiLayerConfiguration after = new NeuralNetConfiguration.Builder().updater(new Adam()).list()
                .layer(lstm.build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).nOut(3).build())
                .setInputType(InputType.recurrent(4)).build();
        assertTrue(ConfigLinter.lint(after).of(Rule.BATCH_NORM_IN_RECURRENT_STACK).isEmpty());
        assertFalse(Rule.BATCH_NORM_IN_RECURRENT_STACK.autoFixable());
    }

    @Test
    void learningRateOutOfTheSaneRange() {
        assertFixed(mlp(new Adam(0.5), dense(Activation.RELU), softmaxHead(3)), Rule.LEARNING_RATE_OUT_OF_RANGE, null);
        assertFixed(mlp(new Sgd(1e-6), dense(Activation.RELU), softmaxHead(3)), Rule.LEARNING_RATE_OUT_OF_RANGE, null);
        assertFixed(mlp(OneCycle.maxLr(1.0).withTotalIterations(100).adam(), dense(Activation.RELU), softmaxHead(3)),
                Rule.LEARNING_RATE_OUT_OF_RANGE, null);
        assertTrue(ConfigLinter.lint(mlp(new Sgd(0.5), dense(Activation.RELU), softmaxHead(3))).isClean());
        assertTrue(ConfigLinter.lint(mlp(OneCycle.maxLr(3e-3).withTotalIterations(100).adam(), dense(Activation.RELU),
                softmaxHead(3))).isClean());
        Finding f = ConfigLinter.lint(mlp(new Adam(0.5), dense(Activation.RELU), softmaxHead(3)))
                .of(Rule.LEARNING_RATE_OUT_OF_RANGE).get(0);
        assertTrue(f.message().contains("0.5") && f.fix().contains("0.001"), f.toString());
    }

    @Test
    void batchNormAfterABiasIsAWarning() {
        MultiLayerConfiguration bad = mlp(dense(Activation.RELU), new BatchNormalization.Builder().build(), softmaxHead(3));
        Finding f = ConfigLinter.lint(bad).of(Rule.BATCH_NORM_AFTER_BIAS).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertFixed(bad, Rule.BATCH_NORM_AFTER_BIAS, null);
        DenseLayer noBias = new DenseLayer.Builder().nOut(8).activation(Activation.RELU).weightInit(WeightInit.RELU)
                .hasBias(false).build();
        assertTrue(ConfigLinter.lint(mlp(noBias, new BatchNormalization.Builder().build(), softmaxHead(3))).isClean());
    }

    @Test
    void manyProblemsAtOnceAreAllFixedInAGraph() {
        ComputationGraphConfiguration bad = new NeuralNetConfiguration.Builder().updater(new Adam(2.0)).graphBuilder()
                .addInputs("in")
                .addLayer("lin", dense(Activation.IDENTITY), "in")
                .addLayer("relu", dense(Activation.RELU, WeightInit.XAVIER), "lin")
                .addLayer("bn", new BatchNormalization.Builder().build(), "relu")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).activation(Activation.SOFTMAX).nOut(3).build(), "bn")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build();
        LintReport report = ConfigLinter.lint(bad);
        for (Rule r : List.of(Rule.LINEAR_HIDDEN_LAYER, Rule.INIT_NOT_PAIRED, Rule.OUTPUT_LOSS_MISMATCH,
                Rule.LEARNING_RATE_OUT_OF_RANGE, Rule.BATCH_NORM_AFTER_BIAS)) {
            assertFalse(report.of(r).isEmpty(), r + " in " + report);
        }
        ComputationGraphConfiguration fixed = ConfigLinter.fix(bad);
        assertTrue(ConfigLinter.lint(fixed).isClean(), ConfigLinter.lint(fixed).toString());
        new ComputationGraph(fixed).init();
        assertFalse(ConfigLinter.lint(bad).isClean(), "input untouched");
    }
}
