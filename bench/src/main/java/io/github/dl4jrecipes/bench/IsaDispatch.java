package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.hardware.CpuBinaries;
import io.github.dl4jrecipes.core.hardware.CpuBinary;
import io.github.dl4jrecipes.core.hardware.CpuBinaryChoice;
import io.github.dl4jrecipes.core.hardware.SimdLevel;
import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The run-time choice of the ND4J CPU binary, measured: the same fast-path throughput (LeNet, the
 * MLP, the {@code small()} recipe) in one child JVM per build, each forced with
 * {@code -D}{@value CpuBinaries#BINARY_PROPERTY}; {@code onednn} is the baseline x86-64 build this
 * project shipped before the choice existed, the widest build this CPU runs is what
 * {@code auto} loads. Children run one after another, in the order listed, so that they never
 * share the cores.
 */
final class IsaDispatch {
    private static final String RESULT = "ISA-RESULT";
    private static final int BATCH = 64;
    private static final long SEED = Fit.DEFAULT_SEED;
    /** As {@link BenchMain}'s MLP rows: its steps are short, so its windows are this many times longer. */
    private static final int DENSE_WINDOW_FACTOR = 10;

    private IsaDispatch() {
    }

    /** One build's measurement: the level libnd4j reports for it and img/s per network. */
    record Row(String binary, int binaryLevel, double lenet, double mlp, double small) {
    }

    /** The builds this CPU can run, baseline first. */
    static List<CpuBinary> candidates() {
        SimdLevel level = CpuBinaries.selected().map(CpuBinaryChoice::cpuLevel).orElse(SimdLevel.X86_64);
        return List.of(CpuBinary.ONEDNN, CpuBinary.ONEDNN_AVX2, CpuBinary.ONEDNN_AVX512).stream()
                .filter(b -> b.simd().compareTo(level) <= 0).toList();
    }

    /** Runs one child per candidate with the given window sizes (warm-up, iterations, windows, image iterations). */
    static List<Row> measure(int warmup, int iterations, int windows, int imageWarmup, int imageIterations)
            throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (CpuBinary b : candidates()) {
            List<String> command = List.of(ChildJvm.java(),
                    "-D" + CpuBinaries.BINARY_PROPERTY + "=" + b.settingName(), "-cp", ChildJvm.classpath(),
                    IsaDispatch.class.getName(), Integer.toString(warmup), Integer.toString(iterations),
                    Integer.toString(windows), Integer.toString(imageWarmup), Integer.toString(imageIterations));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IOException("the " + b.settingName() + " child failed:\n" + out);
            }
            String line = out.lines().filter(l -> l.startsWith(RESULT)).findFirst()
                    .orElseThrow(() -> new IOException("no result from the " + b.settingName() + " child:\n" + out));
            String[] f = line.split(" ");
            rows.add(new Row(b.settingName(), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            System.out.printf(Locale.ROOT, "isa: %-14s level %s LeNet %s MLP %s small() %s img/s%n",
                    b.settingName(), f[1], f[2], f[3], f[4]);
        }
        return rows;
    }

    /** The child: fast-path throughput on the build the parent forced. */
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
