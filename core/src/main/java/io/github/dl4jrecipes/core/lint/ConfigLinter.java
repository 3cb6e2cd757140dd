package io.github.dl4jrecipes.core.lint;

import io.github.dl4jrecipes.core.init.InitFamily;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.optim.Clipping;
import io.github.dl4jrecipes.core.optim.OptimizerKind;
import io.github.dl4jrecipes.core.task.Task;
import io.github.dl4jrecipes.core.task.HuberLoss;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks DL4J configurations against the rules of thumb listed in {@link Rule}, and repairs the
 * auto-fixable ones on a copy.
 *
 * <pre>{@code
 * LintReport report = ConfigLinter.lint(conf, Task.multiclass(10));
 * report.findings().forEach(f -> log.warn("{}", f));
 * MultiLayerConfiguration fixed = ConfigLinter.fix(conf, Task.multiclass(10));   // conf untouched
 * }</pre>
 */
public final class ConfigLinter {

    /**
     * Four or more sigmoid/tanh hidden layers without batch norm count as a deep saturating stack:
     * Glorot &amp; Bengio (2010) saw sigmoid networks of 4-5 hidden layers stall with saturated units.
     */
    public static final int DEEP_STACK = 4;

    private static final Set<Activation> SATURATING = Set.of(Activation.SIGMOID, Activation.TANH,
            Activation.HARDSIGMOID, Activation.HARDTANH);
    /** Iterations at which a scheduled learning rate is sampled to find its peak. */
    private static final int[] SCHEDULE_SAMPLES = {0, 1, 10, 100, 1_000, 10_000, 100_000};

    private static final Map<Class<?>, Activation> ACTIVATIONS = new HashMap<>();
    private static final Map<Class<?>, WeightInit> INITS = new HashMap<>();

    static {
        for (Activation a : Activation.values()) {
            ACTIVATIONS.putIfAbsent(a.getActivationFunction().getClass(), a);
        }
        for (WeightInit w : WeightInit.values()) {
            if (w != WeightInit.DISTRIBUTION) {
                INITS.putIfAbsent(w.getWeightInitFunction().getClass(), w);
            }
        }
    }

    private final List<Node> nodes;
    private final boolean graph;
    private final Task task;
    private final boolean apply;
    private final List<Finding> findings = new ArrayList<>();

    private ConfigLinter(List<Node> nodes, boolean graph, Task task, boolean apply) {
        this.nodes = nodes;
        this.graph = graph;
        this.task = task;
        this.apply = apply;
    }

    /** @return the findings for a multi-layer network */
    public static LintReport lint(MultiLayerConfiguration conf) {
        return lint(conf, null);
    }

    /** @return the findings for a multi-layer network, checking its output against {@code task} (may be null) */
    public static LintReport lint(MultiLayerConfiguration conf, Task task) {
        Objects.requireNonNull(conf, "conf");
        return new ConfigLinter(Networks.of(conf), false, task, false).run();
    }

    /** @return the findings for a graph */
    public static LintReport lint(ComputationGraphConfiguration conf) {
        return lint(conf, null);
    }

    /** @return the findings for a graph, checking its outputs against {@code task} (may be null) */
    public static LintReport lint(ComputationGraphConfiguration conf, Task task) {
        Objects.requireNonNull(conf, "conf");
        return new ConfigLinter(Networks.of(conf), true, task, false).run();
    }

    /** @return a corrected copy of {@code conf}; {@code conf} itself is not changed */
    public static MultiLayerConfiguration fix(MultiLayerConfiguration conf) {
        return fix(conf, null);
    }

    /** @return a corrected copy of {@code conf}, its output made to fit {@code task} (may be null) */
    public static MultiLayerConfiguration fix(MultiLayerConfiguration conf, Task task) {
        Objects.requireNonNull(conf, "conf");
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(conf.toJson());
        new ConfigLinter(Networks.of(copy), false, task, true).run();
        return copy;
    }

    /** @return a corrected copy of the graph configuration; {@code conf} itself is not changed */
    public static ComputationGraphConfiguration fix(ComputationGraphConfiguration conf) {
        return fix(conf, null);
    }

    /** @return a corrected copy of the graph configuration, its outputs made to fit {@code task} (may be null) */
    public static ComputationGraphConfiguration fix(ComputationGraphConfiguration conf, Task task) {
        Objects.requireNonNull(conf, "conf");
        ComputationGraphConfiguration copy = ComputationGraphConfiguration.fromJson(conf.toJson());
        new ConfigLinter(Networks.of(copy), true, task, true).run();
        return copy;
    }

    private LintReport run() {
        boolean selu = nodes.stream().anyMatch(n -> activation(n.layer) == Activation.SELU);
        boolean batchNorm = nodes.stream().anyMatch(n -> n.layer instanceof BatchNormalization);
        for (Node n : nodes) {
            linearHidden(n);
        }
        saturatingStack(batchNorm);
        for (Node n : nodes) {
            output(n);
            if (selu) {
                seluDropout(n);
                seluBatchNorm(n);
                seluGraph(n);
            }
            rnnClipping(n);
            batchNormInRecurrentStack(n);
            learningRate(n);
            batchNormAfterBias(n);
            initPairing(n);
        }
        return new LintReport(findings);
    }

    private void report(Severity severity, Node node, Rule rule, String message, String fix) {
        findings.add(new Finding(severity, node.label(), rule, message, fix));
    }

    // ---- rules ----------------------------------------------------------------------------

    private void linearHidden(Node n) {
        if (!isHiddenWeightLayer(n.layer) || activation(n.layer) != Activation.IDENTITY || n.consumers.isEmpty()
                || n.consumers.stream().allMatch(c -> c.layer instanceof BatchNormalization || c.layer instanceof ActivationLayer)
                || n.consumers.stream().allMatch(c -> c.vertex instanceof MergeVertex)) {
            // a linear layer merged with other inputs is a projection such as an entity embedding
            // (Guo & Berkhahn, 2016), linear by design
            return;
        }
        report(Severity.WARNING, n, Rule.LINEAR_HIDDEN_LAYER, "hidden layer has activation identity, so it is linear "
                + "and adds no capacity.", "use RELU with He init (WeightInit.RELU), or follow it by BatchNormalization + ActivationLayer.");
        if (apply) {
            setActivation(n, Activation.RELU);
        }
    }

    private void saturatingStack(boolean batchNorm) {
        List<Node> saturating = nodes.stream()
                .filter(n -> isHiddenWeightLayer(n.layer) && SATURATING.contains(effectiveActivation(n))).toList();
        if (batchNorm || saturating.size() < DEEP_STACK) {
            return;
        }
        for (Node n : saturating) {
            report(Severity.WARNING, n, Rule.SATURATING_DEEP_STACK, saturating.size() + " hidden layers use "
                    + "sigmoid/tanh (" + effectiveActivation(n) + " here) with no batch normalisation: gradients vanish.",
                    "use RELU with He init in hidden layers, or add BatchNormalization (BatchNormBlocks).");
            if (apply) {
                setActivation(n, Activation.RELU);
            }
        }
    }

    private void output(Node n) {
        if (!isOutput(n.layer)) {
            return;
        }
        FeedForwardLayer out = (FeedForwardLayer) n.layer;
        Activation act = activation(out);
        ILossFunction loss = lossOf(out);
        if (task != null) {
            checkAgainstTask(n, out, act, loss);
            return;
        }
        if (act == Activation.SOFTMAX && out.getNOut() == 1) {
            report(Severity.ERROR, n, Rule.OUTPUT_LOSS_MISMATCH, "softmax over nOut=1 always outputs 1.0 (an invalid DL4J pair).",
                    "for a yes/no output use SIGMOID + XENT (Task.binary()), or nOut = number of classes.");
            if (apply) {
                out.setActivationFn(Activation.SIGMOID.getActivationFunction());
                setLoss(out, new LossBinaryXENT());
            }
        } else if (loss instanceof LossMCXENT && act != Activation.SOFTMAX) {
            report(bounded(act) ? Severity.WARNING : Severity.ERROR, n, Rule.OUTPUT_LOSS_MISMATCH,
                    "loss " + loss.name() + " expects a probability distribution but the activation is " + act + ".",
                    "use SOFTMAX with MCXENT (Task.multiclass(n)).");
            if (apply) {
                out.setActivationFn(Activation.SOFTMAX.getActivationFunction());
            }
        } else if (loss instanceof LossBinaryXENT && act != Activation.SIGMOID) {
            boolean softmax = act == Activation.SOFTMAX;
            report(bounded(act) ? Severity.WARNING : Severity.ERROR, n, Rule.OUTPUT_LOSS_MISMATCH,
                    "binary cross-entropy expects independent sigmoid probabilities but the activation is " + act + ".",
                    softmax ? "use MCXENT with SOFTMAX (Task.multiclass(n))." : "use SIGMOID with XENT (Task.binary() / Task.multilabel(n)).");
            if (apply && softmax) {
                setLoss(out, new LossMCXENT());
            } else if (apply) {
                out.setActivationFn(Activation.SIGMOID.getActivationFunction());
            }
        } else if (isRegressionLoss(loss) && act == Activation.SOFTMAX) {
            report(Severity.WARNING, n, Rule.OUTPUT_LOSS_MISMATCH, "softmax output trained with the regression loss "
                    + loss.name() + ".", "use MCXENT for class probabilities (Task.multiclass(n)).");
            if (apply) {
                setLoss(out, new LossMCXENT());
            }
        }
    }

    private void checkAgainstTask(Node n, FeedForwardLayer out, Activation act, ILossFunction loss) {
        ILossFunction wanted = task.lossFunction();
        List<String> problems = new ArrayList<>();
        if (act != task.outputActivation()) {
            problems.add("activation " + act + " (task wants " + task.outputActivation() + ")");
        }
        if (loss == null || !wanted.getClass().equals(loss.getClass())) {
            problems.add("loss " + (loss == null ? "none" : loss.name()) + " (task wants " + task.loss() + ")");
        }
        if (out.getNOut() != task.nOut()) {
            problems.add("nOut " + out.getNOut() + " (task wants " + task.nOut() + ")");
        }
        if (problems.isEmpty()) {
            return;
        }
        report(out.getNOut() != task.nOut() ? Severity.ERROR : Severity.WARNING, n, Rule.OUTPUT_LOSS_MISMATCH,
                "output does not fit the " + task.kind() + " task: " + String.join(", ", problems) + ".",
                "use task.outputLayer() as the output layer.");
        if (apply) {
            out.setActivationFn(task.outputActivation().getActivationFunction());
            setLoss(out, wanted);
            out.setNOut(task.nOut());
        }
    }

    private void seluDropout(Node n) {
        if (n.layer == null || n.layer.getIDropout() == null || !n.layer.getIDropout().getClass().equals(Dropout.class)
                || n.inputs.stream().noneMatch(i -> effectiveActivation(i) == Activation.SELU)) {
            return;
        }
        double keep = ((Dropout) n.layer.getIDropout()).getP();
        report(Severity.WARNING, n, Rule.SELU_WITH_DROPOUT, "ordinary dropout (keep " + keep
                + ") on the output of a SELU layer breaks self-normalisation.", "use AlphaDropout (Dropouts.alphaDropout(rate)).");
        if (apply) {
            n.layer.setIDropout(new AlphaDropout(keep));
        }
    }

    private void seluBatchNorm(Node n) {
        if (n.layer instanceof BatchNormalization) {
            report(Severity.WARNING, n, Rule.SELU_WITH_BATCH_NORM, "batch normalisation in a SELU network is redundant "
                    + "and moves activations off SELU's fixed point.", "remove the BatchNormalization layer; SELU normalises itself.");
        }
    }

    private void seluGraph(Node n) {
        if (graph && (n.inputs.size() > 1 || n.consumers.size() > 1)) {
            report(Severity.WARNING, n, Rule.SELU_IN_NON_SEQUENTIAL_GRAPH, "SELU network with a merge or branch here ("
                    + n.inputs.size() + " inputs, " + n.consumers.size() + " consumers); self-normalisation is only "
                    + "shown for sequential stacks.", "use a sequential stack for SELU, or ReLU/ELU with batch norm for graphs.");
        }
    }

    private void rnnClipping(Node n) {
        List<BaseLayer> recurrent = recurrentParts(n.layer);
        if (recurrent.isEmpty() || recurrent.stream().allMatch(ConfigLinter::clips)) {
            return;
        }
        report(Severity.WARNING, n, Rule.RNN_WITHOUT_CLIPPING, "recurrent layer without gradient clipping: gradients "
                + "through time can explode.", "clip by norm: Clipping.byNorm() (" + Clipping.DEFAULT_NORM + ").");
        if (apply) {
            for (BaseLayer r : recurrent) {
                r.setGradientNormalization(GradientNormalization.ClipL2PerLayer);
                r.setGradientNormalizationThreshold(Clipping.DEFAULT_NORM);
            }
        }
    }

    private void batchNormInRecurrentStack(Node n) {
        if (n.layer instanceof BatchNormalization && reachesRecurrent(n.inputs, true)
                && reachesRecurrent(n.consumers, false)) {
            report(Severity.WARNING, n, Rule.BATCH_NORM_IN_RECURRENT_STACK, "batch normalisation between recurrent "
                    + "layers: its statistics mix time steps and padded steps and do not follow the recurrence.",
                    "remove it and clip gradients by norm (Clipping.byNorm()) to handle exploding gradients.");
        }
    }

    /** Whether a recurrent layer lies upstream (through inputs) or downstream (through consumers) of {@code start}. */
    private static boolean reachesRecurrent(List<Node> start, boolean upstream) {
        Deque<Node> todo = new ArrayDeque<>(start);
        Set<Node> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Node next = todo.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (next.layer != null && !recurrentParts(next.layer).isEmpty()) {
                return true;
            }
            todo.addAll(upstream ? next.inputs : next.consumers);
        }
        return false;
    }

    private void learningRate(Node n) {
        if (!(n.layer instanceof BaseLayer layer) || layer.getIUpdater() == null) {
            return;
        }
        IUpdater updater = layer.getIUpdater();
        OptimizerKind kind = OptimizerKind.of(updater).orElse(null);
        if (kind == null) {
            return;
        }
        ISchedule schedule = scheduleOf(updater);
        double lr = schedule == null ? updater.getLearningRate(0, 0) : peak(schedule);
        boolean tooLow = schedule == null && lr < kind.minSaneLearningRate();
        if (!tooLow && lr <= kind.maxSaneLearningRate()) {
            return;
        }
        report(Severity.WARNING, n, Rule.LEARNING_RATE_OUT_OF_RANGE, (schedule == null ? "learning rate " : "peak scheduled learning rate ")
                + lr + " is outside [" + kind.minSaneLearningRate() + ", " + kind.maxSaneLearningRate() + "] for " + kind + ".",
                "use " + kind + "'s default " + kind.defaultLearningRate() + " or run LrFinder.");
        if (apply) {
            updater.setLrAndSchedule(kind.defaultLearningRate(), null);
        }
    }

    private void batchNormAfterBias(Node n) {
        if (!(n.layer instanceof BatchNormalization) || n.inputs.size() != 1) {
            return;
        }
        Node previous = n.inputs.get(0);
        if (hasBias(previous.layer)) {
            report(Severity.WARNING, n, Rule.BATCH_NORM_AFTER_BIAS, "follows " + previous.label()
                    + ", whose bias BN's mean subtraction cancels.", "build " + previous.name + " with hasBias(false).");
            if (apply) {
                setBias(previous.layer, false);
            }
        }
    }

    private void initPairing(Node n) {
        if (!(n.layer instanceof BaseLayer layer) || n.layer instanceof BatchNormalization || n.layer instanceof LossLayer) {
            return;
        }
        Activation act = effectiveActivation(n);
        WeightInit init = weightInit(layer.getWeightInitFn());
        if (act == null || init == null || WeightInits.isPaired(act, init)) {
            return;
        }
        WeightInit paired = WeightInits.forActivation(act);
        if (WeightInits.family(act) == InitFamily.LECUN) {
            report(Severity.WARNING, n, Rule.SELU_WITHOUT_LECUN, "SELU with weight init " + init
                    + ": self-normalisation needs LeCun normal.", "use WeightInit.LECUN_NORMAL.");
        } else {
            report(Severity.WARNING, n, Rule.INIT_NOT_PAIRED, "weight init " + init + " does not suit activation " + act + ".",
                    "use WeightInit." + paired + " (WeightInits.forActivation).");
        }
        if (apply) {
            layer.setWeightInitFn(paired.getWeightInitFunction());
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static Activation activation(Layer layer) {
        IActivation fn = layer instanceof BaseLayer b ? b.getActivationFn()
                : layer instanceof ActivationLayer a ? a.getActivationFn() : null;
        return fn == null ? null : ACTIVATIONS.get(fn.getClass());
    }

    /**
     * The activation that really follows the layer's weights: identity → BN → ActivationLayer counts
     * as the latter, and so does identity → (BN →) residual add → ActivationLayer (a ResNet block's
     * last convolution).
     */
    private static Activation effectiveActivation(Node n) {
        Activation act = activation(n.layer);
        Node next = n;
        while (act == Activation.IDENTITY && next.consumers.size() == 1) {
            next = next.consumers.get(0);
            if (next.layer instanceof ActivationLayer) {
                return activation(next.layer);
            }
            boolean residualSum = next.vertex instanceof ElementWiseVertex sum && sum.getOp() == ElementWiseVertex.Op.Add;
            if (!(next.layer instanceof BatchNormalization) && !residualSum) {
                break;
            }
        }
        return act;
    }

    private static WeightInit weightInit(IWeightInit fn) {
        return fn == null ? null : INITS.get(fn.getClass());
    }

    private static boolean isHiddenWeightLayer(Layer layer) {
        return layer instanceof DenseLayer || layer instanceof ConvolutionLayer;
    }

    private static boolean isOutput(Layer layer) {
        return layer instanceof BaseOutputLayer || layer instanceof LossLayer;
    }

    private static ILossFunction lossOf(Layer layer) {
        return layer instanceof BaseOutputLayer o ? o.getLossFn() : ((LossLayer) layer).getLossFn();
    }

    private static void setLoss(Layer layer, ILossFunction loss) {
        if (layer instanceof BaseOutputLayer o) {
            o.setLossFn(loss);
        } else {
            ((LossLayer) layer).setLossFn(loss);
        }
    }

    private static boolean bounded(Activation act) {
        return act == Activation.SIGMOID || act == Activation.SOFTMAX || act == Activation.HARDSIGMOID;
    }

    private static boolean isRegressionLoss(ILossFunction loss) {
        return loss instanceof LossMSE || loss instanceof LossL1 || loss instanceof LossL2 || loss instanceof LossMAE
                || loss instanceof HuberLoss;
    }

    private void setActivation(Node n, Activation act) {
        BaseLayer layer = (BaseLayer) n.layer;
        layer.setActivationFn(act.getActivationFunction());
        layer.setWeightInitFn(WeightInits.forActivation(act).getWeightInitFunction());
    }

    private static List<BaseLayer> recurrentParts(Layer layer) {
        if (layer instanceof BaseRecurrentLayer r) {
            return List.of(r);
        }
        if (layer instanceof Bidirectional b) {
            List<BaseLayer> parts = new ArrayList<>(recurrentParts(b.getFwd()));
            parts.addAll(recurrentParts(b.getBwd()));
            return parts;
        }
        if (layer instanceof BaseWrapperLayer w) {
            return recurrentParts(w.getUnderlying());
        }
        return List.of();
    }

    private static boolean clips(BaseLayer layer) {
        return layer.getGradientNormalization() != null && layer.getGradientNormalization() != GradientNormalization.None;
    }

    private static boolean hasBias(Layer layer) {
        return layer instanceof DenseLayer d ? d.hasBias() : layer instanceof ConvolutionLayer c && c.hasBias();
    }

    private static void setBias(Layer layer, boolean bias) {
        if (layer instanceof DenseLayer d) {
            d.setHasBias(bias);
        } else if (layer instanceof ConvolutionLayer c) {
            c.setHasBias(bias);
        }
    }

    /** ND4J's updaters (and ours) expose their schedule as {@code getLearningRateSchedule()}. */
    private static ISchedule scheduleOf(IUpdater updater) {
        try {
            return (ISchedule) updater.getClass().getMethod("getLearningRateSchedule").invoke(updater);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static double peak(ISchedule schedule) {
        double max = 0;
        for (int t : SCHEDULE_SAMPLES) {
            max = Math.max(max, schedule.valueAt(t, 0));
        }
        return max;
    }
}
