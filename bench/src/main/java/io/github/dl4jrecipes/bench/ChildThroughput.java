package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.hardware.CpuBinaries;
import io.github.dl4jrecipes.core.hardware.CpuBinary;
import io.github.dl4jrecipes.core.hardware.CpuBinaryChoice;
import io.github.dl4jrecipes.core.hardware.FastBatchNorm;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import io.github.dl4jrecipes.core.hardware.OpenMpWaitPolicy;
import io.github.dl4jrecipes.core.hardware.SimdLevel;
import io.github.dl4jrecipes.core.train.Fit;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fast-path throughput (LeNet, the MLP, the {@code small()} recipe) in one child JVM per
 * {@link Variant}: a set of start-up settings that only take effect before ND4J loads, such as the
 * CPU build ({@code -D}{@value CpuBinaries#BINARY_PROPERTY}, section {@code isa}) or OpenMP's wait
 * policy ({@code -D}{@value OpenMpWaitPolicy#PROPERTY}, section {@code openmp}). Children run one
 * after another, in the order given, so that they never share the cores; none inherits an
 * {@code OMP_*} or {@code GOMP_*} variable from the bench's environment.
 */
final class ChildThroughput {
    private static final String RESULT = "CHILD-RESULT";
    private static final int BATCH = 64;
    private static final long SEED = Fit.DEFAULT_SEED;
    /** As {@link BenchMain}'s MLP rows: its steps are short, so its windows are this many times longer. */
    private static final int DENSE_WINDOW_FACTOR = 10;

    private ChildThroughput() {
    }

    /**
     * One child's settings.
     *
     * @param name       the row's name
     * @param jvmOptions the child's {@code -D} options
     */
    record Variant(String name, List<String> jvmOptions) {
        Variant {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    /** One child's measurement: the level libnd4j reports for its build and img/s per network. */
    record Row(String name, int binaryLevel, double lenet, double mlp, double small) {
    }

    /** One variant per CPU build this CPU can run, baseline first. */
    static List<Variant> builds() {
        SimdLevel level = CpuBinaries.selected().map(CpuBinaryChoice::cpuLevel).orElse(SimdLevel.X86_64);
        return List.of(CpuBinary.ONEDNN, CpuBinary.ONEDNN_AVX2, CpuBinary.ONEDNN_AVX512).stream()
                .filter(b -> b.simd().compareTo(level) <= 0)
                .map(b -> new Variant(b.settingName(), List.of("-D" + CpuBinaries.BINARY_PROPERTY + "=" + b.settingName())))
                .toList();
    }

    /**
     * OpenMP's wait policy × the batch-norm helper, on the build {@code auto} loads: what the
     * {@code passive} default gains, and whether {@link FastBatchNorm} pays under each policy.
     */
    static List<Variant> waitPolicies() {
        List<Variant> variants = new ArrayList<>();
        for (String policy : List.of(OpenMpWaitPolicy.PASSIVE, OpenMpWaitPolicy.LIBRARY_DEFAULT)) {
            for (boolean fastBatchNorm : List.of(true, false)) {
                variants.add(new Variant(policy + (fastBatchNorm ? "" : ", DL4J's oneDNN batch norm"), List.of(
                        "-D" + OpenMpWaitPolicy.PROPERTY + "=" + policy,
                        "-D" + FastBatchNorm.SWITCH_PROPERTY + "=" + fastBatchNorm)));
            }
        }
        return variants;
    }

    /** Runs one child per variant with the given window sizes (warm-up, iterations, windows, image iterations). */
    static List<Row> measure(List<Variant> variants, int warmup, int iterations, int windows, int imageWarmup,
                             int imageIterations) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Variant v : variants) {
            List<String> command = new ArrayList<>(List.of(ChildJvm.java()));
            command.addAll(v.jvmOptions());
            command.addAll(List.of("-cp", ChildJvm.classpath(), ChildThroughput.class.getName(),
                    Integer.toString(warmup), Integer.toString(iterations), Integer.toString(windows),
                    Integer.toString(imageWarmup), Integer.toString(imageIterations)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("OMP_") || k.startsWith("GOMP_"));
            Process child = builder.start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IOException("the child for " + v.name() + " failed:\n" + out);
            }
            String line = out.lines().filter(l -> l.startsWith(RESULT)).findFirst()
                    .orElseThrow(() -> new IOException("no result from the child for " + v.name() + ":\n" + out));
            String[] f = line.split(" ");
            rows.add(new Row(v.name(), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            System.out.printf(Locale.ROOT, "child: %-40s level %s LeNet %s MLP %s small() %s img/s%n",
                    v.name(), f[1], f[2], f[3], f[4]);
        }
        return rows;
    }

    /** The child: fast-path throughput under the settings the parent gave it. */
    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        int windows = Integer.parseInt(args[2]);
        Throughput lenet = new Throughput(warmup, iterations, windows);
        Throughput dense = lenet.withIterations(warmup * DENSE_WINDOW_FACTOR, iterations * DENSE_WINDOW_FACTOR);
        Throughput heavy = lenet.withIterations(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        Nd4j.create(1);
        OneDnn.enable();
        double lenetRate = lenet.measure(init(Networks.lenet(CacheMode.DEVICE, SEED)), BATCH, SEED).median();
        double mlpRate = dense.measure(init(Networks.mlp(SEED)), BATCH, SEED).median();
        double smallRate = heavy.measure(Networks.recipeBuilt(Networks.imageRecipe().small()), BATCH, SEED,
                1, Networks.SIDE, Networks.SIDE).median();
        System.out.printf(Locale.ROOT, "%s %d %.0f %.0f %.0f%n", RESULT,
                NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel(), lenetRate, mlpRate, smallRate);
        System.exit(0);
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
