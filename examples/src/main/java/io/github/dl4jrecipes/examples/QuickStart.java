package io.github.dl4jrecipes.examples;

import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The quick start: prints the hardware report, then trains a small MLP on the bundled Palmer
 * penguins data (species from the four body measurements) and prints its test accuracy.
 *
 * <p>Run from the repository root:
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java}
 */
public final class QuickStart {
    private static final String PENGUINS = "/io/github/dl4jrecipes/core/data/penguins.csv";
    private static final List<String> SPECIES = List.of("Adelie", "Chinstrap", "Gentoo");
    /** bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g */
    private static final int[] FEATURE_COLUMNS = {2, 3, 4, 5};
    private static final long SEED = 42;
    private static final int EPOCHS = 200;

    private QuickStart() {
    }

    public static void main(String[] args) {
        OneDnn.enable();
        System.out.println(Hardware.report());

        DataSet all = loadPenguins();
        all.shuffle(SEED);
        SplitTestAndTrain split = all.splitTestAndTrain(0.8);
        DataSet train = split.getTrain();
        DataSet test = split.getTest();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train);
        normalizer.transform(train);
        normalizer.transform(test);

        MultiLayerNetwork net = new MultiLayerNetwork(mlp(FEATURE_COLUMNS.length, SPECIES.size()));
        net.init();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            net.fit(train);
        }

        Evaluation eval = new Evaluation(SPECIES, 1);
        eval.eval(test.getLabels(), net.output(test.getFeatures()));
        System.out.printf("Penguins: %d training rows, %d test rows, test accuracy %.3f%n",
                train.numExamples(), test.numExamples(), eval.accuracy());
    }

    private static MultiLayerConfiguration mlp(int nIn, int nClasses) {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(32)
                        .activation(Activation.RELU).weightInit(WeightInit.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(nClasses)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
    }

    /** Rows with a missing measurement ("NA") are dropped: this sample keeps the data simple. */
    private static DataSet loadPenguins() {
        List<float[]> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(QuickStart.class.getResourceAsStream(PENGUINS), PENGUINS),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                float[] row = new float[FEATURE_COLUMNS.length];
                boolean complete = true;
                for (int i = 0; i < FEATURE_COLUMNS.length && complete; i++) {
                    String cell = cells[FEATURE_COLUMNS[i]];
                    complete = !cell.equals("NA");
                    row[i] = complete ? Float.parseFloat(cell) : 0f;
                }
                if (complete) {
                    features.add(row);
                    labels.add(SPECIES.indexOf(cells[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[][] labelRows = new float[labels.size()][SPECIES.size()];
        for (int i = 0; i < labels.size(); i++) {
            labelRows[i][labels.get(i)] = 1f;
        }
        return new DataSet(Nd4j.create(features.toArray(new float[0][])).castTo(DataType.FLOAT),
                Nd4j.create(labelRows));
    }
}
