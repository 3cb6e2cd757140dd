package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.task.Task;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Random;

/** Tiny, deterministic data and networks for training tests. */
public final class TinyData {

    public static final int FEATURES = 4;
    public static final int CLASSES = 3;
    public static final Task TASK = Task.multiclass(CLASSES);

    private TinyData() {
    }

    /** Three Gaussian blobs in 4-D, {@code n} examples, one-hot labels; {@code noise} scales the spread. */
    public static DataSet blobs(int n, long seed, double noise) {
        Random r = new Random(seed);
        double[][] x = new double[n][FEATURES];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            for (int f = 0; f < FEATURES; f++) {
                x[i][f] = (f == c ? 2.0 : 0.0) + noise * r.nextGaussian();
            }
            y[i][c] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    /** Random features with random labels: nothing to learn, everything to overfit. */
    public static DataSet noise(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][FEATURES];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < FEATURES; f++) {
                x[i][f] = r.nextGaussian();
            }
            y[i][r.nextInt(CLASSES)] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    public static DataSetIterator iterator(DataSet data, int batch) {
        return new ListDataSetIterator<>(data.asList(), batch);
    }

    public static MultiLayerConfiguration config(int hidden, IUpdater updater, double dropout) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(7).updater(updater).weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(hidden).activation(Activation.RELU)
                        .dropOut(dropout > 0 ? 1 - dropout : 0).build())
                .layer(TASK.outputLayer(hidden));
        return b.build();
    }

    public static MultiLayerNetwork network(int hidden, IUpdater updater, double dropout) {
        MultiLayerNetwork net = new MultiLayerNetwork(config(hidden, updater, dropout));
        net.init();
        return net;
    }

    public static MultiLayerNetwork network() {
        return network(16, new Sgd(0.1), 0);
    }

    public static INDArray params(MultiLayerNetwork net) {
        return net.params().dup();
    }
}
