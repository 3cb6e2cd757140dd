package io.github.dl4jrecipes.core.eval;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.plot.Plots;
import io.github.dl4jrecipes.core.task.Metric;
import io.github.dl4jrecipes.core.train.Net;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Everything to read a classifier's mistakes: DL4J's full {@link Evaluation}, F-beta with macro or
 * micro averaging, the confusion matrix as text and as a PNG heat map, the most confused class
 * pairs and the examples with the highest loss.
 *
 * <pre>{@code
 * ClassifierReport report = ClassifierReport.of(net, test, List.of("Adelie", "Chinstrap", "Gentoo"));
 * log.info("{}", report);                         // DL4J stats + most confused pairs
 * report.writeHeatMap(Path.of("confusion.png"));
 * report.topLosses(20);                            // look at these examples: mislabelled?
 * }</pre>
 */
public final class ClassifierReport {

    /** Pairs listed by {@link #toString()}. */
    public static final int PAIRS_SHOWN = 5;
    /** Narrowest column of the confusion text, wide enough for four-digit counts and a space. */
    private static final int MIN_CELL_WIDTH = 6;

    private final Evaluation evaluation;
    private final List<String> classNames;
    private final List<ExampleLoss> losses;

    private ClassifierReport(Evaluation evaluation, List<String> classNames, List<ExampleLoss> losses) {
        this.evaluation = evaluation;
        this.classNames = List.copyOf(classNames);
        this.losses = List.copyOf(losses);
    }

    /** Evaluates a classifier, naming classes by their index. */
    public static ClassifierReport of(Model network, DataSetIterator data) {
        Net net = Net.of(network);
        return of(network, data, IntStream.range(0, classCount(net)).mapToObj(String::valueOf).toList());
    }

    /**
     * Evaluates a classifier in one pass over {@code data} (reset first when it can be).
     *
     * @param classNames one name per output column (two for a single sigmoid output: negative, positive)
     */
    public static ClassifierReport of(Model network, DataSetIterator data, List<String> classNames) {
        Net net = Net.of(network);
        int classes = classCount(net);
        if (classNames.size() != classes) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names but the "
                    + "network predicts " + classes + " classes; pass one name per class.");
        }
        Evaluation evaluation = new Evaluation(classNames);
        List<ExampleLoss> losses = new ArrayList<>();
        if (data.resetSupported()) {
            data.reset();
        }
        long index = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray output = net.output(batch.getFeatures());
            evaluation.eval(batch.getLabels(), output);
            INDArray perExample = net.scoreExamples(batch);
            int[] actual = classes(batch.getLabels());
            int[] predicted = classes(output);
            for (int i = 0; i < actual.length; i++) {
                losses.add(new ExampleLoss(index++, perExample.getDouble(i), classNames.get(actual[i]),
                        classNames.get(predicted[i])));
            }
        }
        if (index == 0) {
            throw new IllegalArgumentException("data yields no examples; nothing to evaluate.");
        }
        return new ClassifierReport(evaluation, classNames, losses);
    }

    private static int classCount(Net net) {
        return (int) Math.max(2, net.outputSize());
    }

    /** Class index per row: arg-max, or the decision threshold for a single sigmoid column. */
    private static int[] classes(INDArray rows) {
        if (rows.size(1) == 1) {
            double[] p = rows.reshape(-1).toDoubleVector();
            return java.util.Arrays.stream(p).mapToInt(v -> v >= Metric.DECISION_THRESHOLD ? 1 : 0).toArray();
        }
        return rows.argMax(1).toIntVector();
    }

    /** DL4J's full evaluation. */
    public Evaluation evaluation() {
        return evaluation;
    }

    /** The fraction of examples classified right. */
    public double accuracy() {
        return evaluation.accuracy();
    }

    /** F-beta (beta > 1 weighs recall higher) with macro or micro averaging over classes. */
    public double fBeta(double beta, EvaluationAveraging averaging) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a finite number > 0, got " + beta
                    + "; 1 gives F1, 2 weighs recall twice as much as precision.");
        }
        return evaluation.fBeta(beta, averaging);
    }

    /** F1 with macro or micro averaging. */
    public double f1(EvaluationAveraging averaging) {
        return evaluation.f1(averaging);
    }

    /** The confusion matrix, {@code [actual][predicted]}. */
    public int[][] confusion() {
        int n = classNames.size();
        int[][] counts = new int[n][n];
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                counts[a][p] = evaluation.getConfusion().getCount(a, p);
            }
        }
        return counts;
    }

    /** The confusion matrix as a text table (rows: actual, columns: predicted). */
    public String confusionText() {
        int width = Math.max(MIN_CELL_WIDTH, classNames.stream().mapToInt(String::length).max().orElse(1) + 1);
        String cell = "%" + width + "s";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, cell, "actual\\pred"));
        classNames.forEach(c -> s.append(String.format(Locale.ROOT, cell, c)));
        s.append(System.lineSeparator());
        int[][] counts = confusion();
        for (int a = 0; a < counts.length; a++) {
            s.append(String.format(Locale.ROOT, cell, classNames.get(a)));
            for (int count : counts[a]) {
                s.append(String.format(Locale.ROOT, cell, count));
            }
            s.append(System.lineSeparator());
        }
        return s.toString();
    }

    /** Writes the confusion matrix as a PNG heat map. */
    public void writeHeatMap(Path png) throws IOException {
        Plots.heatMap("Confusion matrix", "actual", "predicted", classNames, confusion(), png);
    }

    /** The {@code n} off-diagonal cells with the most examples, largest first (ties: by class order). */
    public List<ConfusedPair> mostConfused(int n) {
        checkCount("n", n);
        List<ConfusedPair> pairs = new ArrayList<>();
        int[][] counts = confusion();
        for (int a = 0; a < counts.length; a++) {
            for (int p = 0; p < counts.length; p++) {
                if (a != p && counts[a][p] > 0) {
                    pairs.add(new ConfusedPair(classNames.get(a), classNames.get(p), counts[a][p]));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(ConfusedPair::count).reversed());
        return List.copyOf(pairs.subList(0, Math.min(n, pairs.size())));
    }

    /** The {@code k} examples with the highest loss, highest first. */
    public List<ExampleLoss> topLosses(int k) {
        checkCount("k", k);
        return losses.stream().sorted(Comparator.comparingDouble(ExampleLoss::loss).reversed()
                .thenComparingLong(ExampleLoss::index)).limit(k).toList();
    }

    private static void checkCount(String name, int value) {
        Args.atLeast(name, value, 1, "ask for at least one");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(evaluation.stats());
        s.append(System.lineSeparator()).append("Most confused (actual -> predicted):").append(System.lineSeparator());
        for (ConfusedPair p : mostConfused(PAIRS_SHOWN)) {
            s.append("  ").append(p.actual()).append(" -> ").append(p.predicted()).append(": ")
                    .append(p.count()).append(System.lineSeparator());
        }
        return s.toString();
    }
}
