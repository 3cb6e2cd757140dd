package io.github.dl4jrecipes.core.optim;

import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.schedule.HypergradientSgd;
import io.github.dl4jrecipes.core.schedule.OneCycle;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.util.Map;

import static io.github.dl4jrecipes.core.PresetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {

    @Test
    void presetsBuildTheRightUpdaterWithTheDocumentedDefaultLearningRate() {
        Map<Optimizer, Class<?>> expected = Map.of(
                Optimizer.sgd(), Sgd.class, Optimizer.sgdMomentum(), MomentumSgd.class, Optimizer.nesterov(), Nesterovs.class,
                Optimizer.adaGrad(), AdaGrad.class, Optimizer.rmsProp(), RmsProp.class, Optimizer.adam(), Adam.class,
                Optimizer.nadam(), Nadam.class, Optimizer.adaMax(), AdaMax.class, Optimizer.amsGrad(), AMSGrad.class);
        expected.forEach((preset, type) -> {
            IUpdater updater = preset.updater();
            assertInstanceOf(type, updater);
            assertEquals(preset.kind().defaultLearningRate(), updater.getLearningRate(0, 0), 0.0, preset.toString());
            assertEquals(preset.kind(), OptimizerKind.of(updater).orElseThrow());
        });
        assertEquals(1e-3, OptimizerKind.ADAM.defaultLearningRate());
        assertEquals(2e-3, OptimizerKind.NADAM.defaultLearningRate());
        assertEquals(0.01, OptimizerKind.SGD.defaultLearningRate());
        assertEquals(0.9, ((Nesterovs) Optimizer.nesterov().updater()).getMomentum());
    }

    @Test
    void hypergradientKindsBuildTheHypergradientUpdatersWithTheirInitialLearningRateAndThePapersBeta() {
        IUpdater adam = Optimizer.of(OptimizerKind.ADAM_HD).withLearningRate(3e-4).updater();
        HypergradientAdam adamHd = assertInstanceOf(HypergradientAdam.class, adam);
        assertEquals(3e-4, adamHd.getLearningRate(0, 0));
        assertEquals(1e-7, adamHd.hyperLearningRate());
        assertEquals(OptimizerKind.ADAM_HD, OptimizerKind.of(adam).orElseThrow());
        IUpdater sgd = Optimizer.of(OptimizerKind.SGD_HD).updater();
        HypergradientSgd sgdHd = assertInstanceOf(HypergradientSgd.class, sgd);
        assertEquals(0.01, sgdHd.getLearningRate(0, 0));
        assertEquals(1e-3, sgdHd.hyperLearningRate());
        assertEquals(OptimizerKind.SGD_HD, OptimizerKind.of(sgd).orElseThrow());
    }

    @Test
    void learningRateAndScheduleOverrides() {
        assertEquals(0.05, Optimizer.nesterov().withLearningRate(0.05).updater().getLearningRate(3, 0));
        OneCycle cycle = OneCycle.maxLr(0.1).withTotalIterations(100);
        IUpdater scheduled = Optimizer.rmsProp().withSchedule(cycle).updater();
        assertEquals(cycle.valueAt(40, 0), scheduled.getLearningRate(40, 0));
        assertEquals(0.5, ((Nesterovs) Optimizer.nesterov().withMomentum(0.5).updater()).getMomentum());
    }

    @Test
    void decoupledWeightDecayIsAppliedAfterTheUpdaterScaledByTheLearningRate() {
        NeuralNetConfiguration.Builder b = Optimizer.adamW().applyTo(new NeuralNetConfiguration.Builder());
        MultiLayerConfiguration conf = b.list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(2).nOut(1).build()).build();
        BaseLayer layer = (BaseLayer) conf.getConf(0).getLayer();
        WeightDecay decay = (WeightDecay) layer.getRegularization().get(0);
        assertTrue(decay.isApplyLR());
        assertEquals(Optimizer.DEFAULT_WEIGHT_DECAY, decay.getCoeff().valueAt(0, 0));
        assertInstanceOf(Adam.class, layer.getIUpdater());
        MultiLayerConfiguration none = Optimizer.adam().applyTo(new NeuralNetConfiguration.Builder()).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(2).nOut(1).build()).build();
        assertTrue(((BaseLayer) none.getConf(0).getLayer()).getRegularization().isEmpty());
    }

    @Test
    void momentumSgdIsHeavyBall() {
        MomentumSgd config = MomentumSgd.of(0.1).withMomentum(0.5);
        GradientUpdater<?> updater = config.instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 2), true);
        INDArray g1 = Nd4j.createFromArray(new double[][]{{1, -2}});
        updater.applyUpdater(g1, 0, 0);
        // v1 = -0.1*g ; update = -v1 = 0.1*g
        assertEquals(Nd4j.createFromArray(new double[][]{{0.1, -0.2}}), g1);
        INDArray g2 = Nd4j.createFromArray(new double[][]{{1, 1}});
        updater.applyUpdater(g2, 1, 0);
        // v2 = 0.5*v1 - 0.1*g2 = (-0.05 - 0.1, 0.1 - 0.1)
        assertTrue(g2.equalsWithEps(Nd4j.createFromArray(new double[][]{{0.15, 0.0}}), 1e-12), g2.toString());
    }

    @Test
    void momentumSgdSurvivesJsonAndModelSerializer(@TempDir File dir) throws Exception {
        OneCycle cycle = OneCycle.maxLr(0.05).withTotalIterations(30);
        MomentumSgd updater = MomentumSgd.of(cycle).withMomentum(cycle.momentum());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(updater)
                .dataType(DataType.DOUBLE).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(1).build())
                .build();
        assertEquals(updater, ((BaseLayer) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0).getLayer()).getIUpdater());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 3);
        DataSet data = new DataSet(x, x.sum(true, 1));
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        File file = new File(dir, "m.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        for (int i = 0; i < 10; i++) {
            net.fit(data);
            restored.fit(data);
        }
        assertEquals(net.params(), restored.params());
    }

    @Test
    void badInputNamesTheParameterAndTheFix() {
        assertMessage(() -> Optimizer.adam().withLearningRate(0), "learningRate", "0.0", "0.001");
        assertMessage(() -> Optimizer.sgd().withLearningRate(-0.1), "learningRate", "-0.1");
        assertMessage(() -> Optimizer.nesterov().withMomentum(1.0), "momentum", "[0, 1)", "1.0");
        assertMessage(() -> Optimizer.nesterov().withMomentum(-0.2), "momentum", "-0.2");
        assertMessage(() -> Optimizer.adam().withDecoupledWeightDecay(-1), "weightDecay", "-1.0");
        assertMessage(() -> MomentumSgd.of(0.1).withMomentum(1.5), "momentum", "1.5");
        assertMessage(() -> MomentumSgd.of(-1), "learningRate", "-1.0");
    }
}
