package io.github.dl4jrecipes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.IdxImages;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The benchmark harness: training throughput of the same networks built with DL4J's defaults,
 * with our fast path, and in PyTorch, measured in one run on one machine; SGEMM peak for scale.
 * Prints a table and writes {@code bench/RESULTS.md}.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl bench -am package -DskipTests exec:java}
 * (arguments via {@code -Dexec.args="--quick"}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks dl4j-recipes against plain DL4J and PyTorch on this machine.")
public final class BenchMain implements Callable<Integer> {
    private static final long SEED = 42;
    private static final int BATCH = 64;

    @Option(names = "--warmup", description = "warm-up iterations per network (default ${DEFAULT-VALUE})")
    int warmup = 20;
    @Option(names = "--iterations", description = "iterations per timed window (default ${DEFAULT-VALUE})")
    int iterations = 60;
    @Option(names = "--windows", description = "timed windows; the median counts (default ${DEFAULT-VALUE})")
    int windows = 3;
    @Option(names = "--quick", description = "a smoke run: 5 warm-up, 10 iterations, 3 windows")
    boolean quick;
    @Option(names = "--python", description = "the Python with PyTorch (default ${DEFAULT-VALUE})")
    Path python = Path.of("/usr/bin/python3");
    @Option(names = "--peer", description = "the PyTorch peer script (default ${DEFAULT-VALUE})")
    Path peerScript = Path.of("bench/peers/pytorch_peer.py");
    @Option(names = "--out", description = "the results file (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/RESULTS.md");
    @Option(names = "--tta", description = "also measure time to accuracy on Fashion-MNIST (slow: minutes per epoch)")
    boolean tta;
    @Option(names = "--tta-target", description = "test accuracy to reach (default ${DEFAULT-VALUE})")
    double ttaTarget = 0.91;
    @Option(names = "--tta-max-epochs", description = "epochs at most per variant (default ${DEFAULT-VALUE})")
    int ttaMaxEpochs = 10;
    @Option(names = "--tta-train-limit", description = "use only the first N training images (0: all)")
    int ttaTrainLimit;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            warmup = 5;
            iterations = 10;
        }
        Throughput throughput = new Throughput(warmup, iterations, windows);
        Hardware hardware = Hardware.report();
        System.out.println(hardware);
        double gemm = Gemm.peakGflops();
        System.out.printf(Locale.ROOT, "SGEMM 1024² peak: %.1f GFLOP/s%n", gemm);

        List<Row> rows = new ArrayList<>();
        Throughput.Result stock = measure(throughput, "LeNet", "plain DL4J defaults (helpers off, CacheMode.NONE)",
                false, Networks.lenet(CacheMode.NONE, SEED), rows);
        Throughput.Result fast = measure(throughput, "LeNet", "dl4j-recipes fast path (oneDNN helpers, CacheMode.DEVICE)",
                true, Networks.lenet(CacheMode.DEVICE, SEED), rows);
        Throughput.Result mlpStock = measure(throughput, "MLP 784-256-128-10", "plain DL4J defaults",
                false, Networks.mlp(SEED), rows);
        Throughput.Result mlpFast = measure(throughput, "MLP 784-256-128-10", "dl4j-recipes fast path",
                true, Networks.mlp(SEED), rows);

        PyTorchPeer peer = new PyTorchPeer(python, peerScript);
        Optional<String> noPeer = peer.unavailableBecause();
        double torchLenet = Double.NaN;
        double torchMlp = Double.NaN;
        if (noPeer.isEmpty()) {
            torchLenet = peerThroughput(peer, "lenet", rows, "LeNet");
            torchMlp = peerThroughput(peer, "mlp", rows, "MLP 784-256-128-10");
        } else {
            System.out.println("PyTorch peer skipped: " + noPeer.get());
        }

        List<String> ttaLines = tta ? timeToAccuracy(peer, noPeer) : List.of();

        String report = report(hardware, gemm, rows, noPeer, ttaLines, List.of(
                ratio("LeNet: fast path / plain DL4J", fast.median(), stock.median()),
                ratio("LeNet: fast path / PyTorch", fast.median(), torchLenet),
                ratio("LeNet: plain DL4J / PyTorch", stock.median(), torchLenet),
                ratio("MLP: fast path / plain DL4J", mlpFast.median(), mlpStock.median()),
                ratio("MLP: fast path / PyTorch", mlpFast.median(), torchMlp),
                String.format(Locale.ROOT, "LeNet fast path achieves %.1f GFLOP/s of training (%.0f%% of the SGEMM peak)",
                        fast.median() * Networks.lenetTrainingFlopsPerImage() / 1e9,
                        100 * fast.median() * Networks.lenetTrainingFlopsPerImage() / 1e9 / gemm)));
        System.out.println(report);
        writeAtomically(out, report);
        System.out.println("wrote " + out.toAbsolutePath());
        return 0;
    }

    private static Throughput.Result measure(Throughput throughput, String network, String variant,
                                             boolean fastPath, MultiLayerConfiguration conf, List<Row> rows) {
        System.setProperty(OneDnn.HELPERS_DISABLE_PROPERTY, "true");
        if (fastPath) {
            OneDnn.enable();
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Throughput.Result result = throughput.measure(net, BATCH, SEED);
        System.out.printf(Locale.ROOT, "%-20s %-60s %s%n", network, variant, result);
        rows.add(new Row(network, variant, result.median(), result.toString()));
        return result;
    }

    private double peerThroughput(PyTorchPeer peer, String model, List<Row> rows, String network)
            throws IOException, InterruptedException {
        JsonNode r = peer.run("--mode", "throughput", "--model", model, "--batch", Integer.toString(BATCH),
                "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "--warmup", Integer.toString(warmup), "--iters", Integer.toString(iterations),
                "--windows", Integer.toString(windows));
        double median = r.get("median_img_s").asDouble();
        String variant = "PyTorch " + r.get("torch").asText() + " (same net, Adam, " + r.get("threads").asInt() + " threads)";
        List<Long> windowRates = new ArrayList<>();
        r.get("windows_img_s").forEach(w -> windowRates.add(Math.round(w.asDouble())));
        String detail = String.format(Locale.ROOT, "%.0f img/s %s", median, windowRates);
        System.out.printf(Locale.ROOT, "%-20s %-60s %s%n", network, variant, detail);
        rows.add(new Row(network, variant, median, detail));
        return median;
    }

    private List<String> timeToAccuracy(PyTorchPeer peer, Optional<String> noPeer)
            throws IOException, InterruptedException {
        IdxImages data = FashionMnist.loader().withFlatFeatures(true).load();
        DataSet train = ttaTrainLimit > 0
                ? (DataSet) data.train().getRange(0, Math.min(ttaTrainLimit, data.train().numExamples()))
                : data.train();
        TimeToAccuracy runner = new TimeToAccuracy(train, data.test(), BATCH, ttaTarget, ttaMaxEpochs, SEED);
        List<String> lines = new ArrayList<>();
        String setting = String.format(Locale.ROOT, "Fashion-MNIST, %d training images, %d test images, target %.2f, at most %d epochs",
                train.numExamples(), data.test().numExamples(), ttaTarget, ttaMaxEpochs);
        lines.add(setting);
        for (boolean fastPath : new boolean[]{false, true}) {
            System.setProperty(OneDnn.HELPERS_DISABLE_PROPERTY, "true");
            if (fastPath) {
                OneDnn.enable();
            }
            String name = fastPath ? "LeNet, Adam 1e-3 constant, fast path" : "LeNet, Adam 1e-3 constant, plain DL4J defaults";
            System.out.println(name);
            MultiLayerNetwork net = new MultiLayerNetwork(
                    Networks.lenet(fastPath ? CacheMode.DEVICE : CacheMode.NONE, SEED));
            net.init();
            lines.add(name + ": " + runner.run(net));
        }
        if (noPeer.isEmpty()) {
            JsonNode r = peer.run("--mode", "tta", "--model", "lenet", "--batch", Integer.toString(BATCH),
                    "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                    "--target", Double.toString(ttaTarget), "--max-epochs", Integer.toString(ttaMaxEpochs),
                    "--data", data.source().toString(), "--train-limit", Integer.toString(ttaTrainLimit));
            JsonNode reached = r.get("reached");
            lines.add("LeNet, Adam 1e-3 constant, PyTorch " + r.get("torch").asText() + ": " + (reached.isNull()
                    ? "not reached in " + ttaMaxEpochs + " epochs"
                    : String.format(Locale.ROOT, "reached at epoch %d, %.0f s", reached.get("epoch").asInt(),
                            reached.get("seconds").asDouble())));
        }
        return lines;
    }

    private static String ratio(String name, double numerator, double denominator) {
        return Double.isNaN(denominator) ? name + ": n/a (peer skipped)"
                : String.format(Locale.ROOT, "%s: %.2f×", name, numerator / denominator);
    }

    private String report(Hardware hw, double gemm, List<Row> rows, Optional<String> noPeer, List<String> tta,
                          List<String> ratios) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark results\n\n");
        s.append("Written by the harness in `bench/` (`BenchMain`); never edited by hand.\n\n");
        s.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        s.append("- command: `mvn -B -q -pl bench -am package -DskipTests exec:java`");
        s.append(quick ? " with `-Dexec.args=--quick`\n" : "\n");
        s.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        s.append(String.format(Locale.ROOT, "- batch %d, Adam(1e-3), %d warm-up iterations, median of %d windows of %d iterations%n",
                BATCH, warmup, windows, iterations));
        s.append("- SGEMM 1024² peak through ND4J: ").append(String.format(Locale.ROOT, "%.1f GFLOP/s", gemm)).append("\n\n");
        s.append("```\n").append(hw).append("```\n\n");
        s.append("## Training throughput (images/s)\n\n| network | variant | median img/s | windows |\n|---|---|---:|---|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s |%n", r.network, r.variant, r.median, r.detail));
        }
        noPeer.ifPresent(why -> s.append("\nPyTorch peer skipped: ").append(why).append('\n'));
        if (!tta.isEmpty()) {
            s.append("\n## Time to accuracy\n\n");
            tta.forEach(line -> s.append("- ").append(line).append('\n'));
        }
        s.append("\n## Ratios (same run)\n\n");
        for (String r : ratios) {
            s.append("- ").append(r).append('\n');
        }
        return s.toString();
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record Row(String network, String variant, double median, String detail) {
    }
}
