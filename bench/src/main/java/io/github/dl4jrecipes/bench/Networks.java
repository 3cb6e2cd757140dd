package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.hardware.FastBatchNorm;
import io.github.dl4jrecipes.core.hardware.FastPath;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import java.util.function.Supplier;

/** The benchmark networks, as plain DL4J configurations; the PyTorch peer builds the same ones. */
final class Networks {
    /** Adam's usual default step, used by the DL4J examples and the peer. */
    static final double LEARNING_RATE = 1e-3;
    static final int CLASSES = 10;
    static final int SIDE = 28;

    private Networks() {
    }

    /**
     * LeNet as in DL4J's examples: conv 5×5×20, max-pool 2, conv 5×5×50, max-pool 2, dense 500
     * ReLU, softmax 10. Training costs about 13.8 MFLOP per image (3× the 4.59 MFLOP forward pass).
     */
    static MultiLayerConfiguration lenet(CacheMode cacheMode, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.XAVIER)
                .cacheMode(cacheMode)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
                .build();
    }

    /** Training FLOPs per image of {@link #lenet}: 3 × (conv1 + conv2 + dense + output) forward. */
    static double lenetTrainingFlopsPerImage() {
        double conv1 = 24 * 24 * 20 * (5 * 5 * 1) * 2.0;
        double conv2 = 8 * 8 * 50 * (5 * 5 * 20) * 2.0;
        double dense = 800 * 500 * 2.0;
        double output = 500 * CLASSES * 2.0;
        return 3 * (conv1 + conv2 + dense + output);
    }

    /** MLP 784-256-128-10 with ReLU, He init, Adam. */
    static MultiLayerConfiguration mlp(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(SIDE * SIDE).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
    }

    /** The image recipe for Fashion-MNIST-sized images: 28×28 grey, 10 classes. */
    static ImageRecipe imageRecipe() {
        return ImageRecipe.classifier(SIDE, SIDE, 1, CLASSES);
    }

    /**
     * The network as {@code recipe} builds it: its fast path (oneDNN helpers, our batch-norm
     * helper and ReLU backward pass, CacheMode.DEVICE).
     */
    static ComputationGraph recipeBuilt(ImageRecipe recipe) {
        return recipe.build();
    }

    /**
     * The network as {@code recipe} builds it, but with DL4J's oneDNN batch-norm helper and DL4J's
     * ReLU backward pass: neither part of our {@code FastPath}.
     */
    static ComputationGraph oneDnnOnly(ImageRecipe recipe) {
        return builtWithout(recipe, FastBatchNorm.SWITCH_PROPERTY, FastPath.FAST_RELU_PROPERTY);
    }

    /** The network as {@code recipe} builds it, but with DL4J's {@code relu_bp} backward pass. */
    static ComputationGraph withoutFastRelu(ImageRecipe recipe) {
        return builtWithout(recipe, FastPath.FAST_RELU_PROPERTY);
    }

    private static ComputationGraph builtWithout(ImageRecipe recipe, String... switches) {
        for (String property : switches) {
            System.setProperty(property, "false");
        }
        try {
            return recipeBuilt(recipe);
        } finally {
            for (String property : switches) {
                System.clearProperty(property);
            }
        }
    }

    /**
     * The same graph (layers, updater, seed) under plain DL4J defaults: layer helpers off (DL4J's
     * default) and {@link CacheMode#NONE} (DL4J's default cache mode).
     */
    static ComputationGraph plainDefaults(ImageRecipe recipe) {
        ComputationGraphConfiguration conf = recipe.toConfiguration().graph();
        ComputationGraph net = withoutHelpers(() -> {
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            return graph;
        });
        net.setCacheMode(CacheMode.NONE);
        return net;
    }

    /**
     * Builds a network under DL4J's default of no layer helpers, then switches them back on: DL4J
     * reads the switch when it creates the layers, and the recipes' {@code Backend.setUp()} runs
     * once per JVM, so a switch left off would silently slow every later recipe-built network.
     */
    static <T> T withoutHelpers(Supplier<T> build) {
        System.setProperty(OneDnn.HELPERS_DISABLE_PROPERTY, "true");
        try {
            return build.get();
        } finally {
            OneDnn.enable();
        }
    }
}
