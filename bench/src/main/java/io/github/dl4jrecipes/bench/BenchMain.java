package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.IdxImages;
import io.github.dl4jrecipes.core.data.ImageFolderSplit;
import io.github.dl4jrecipes.core.data.ImageFolders;
import io.github.dl4jrecipes.core.hardware.Backend;
import io.github.dl4jrecipes.core.hardware.CpuBinaries;
import io.github.dl4jrecipes.core.hardware.CpuInfo;
import io.github.dl4jrecipes.core.hardware.FastBatchNorm;
import io.github.dl4jrecipes.core.hardware.Hardware;
import io.github.dl4jrecipes.core.hardware.OneDnn;
import io.github.dl4jrecipes.core.hardware.OpenMpWaitPolicy;
import io.github.dl4jrecipes.core.lr.LrFinder;
import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The benchmark harness. Sections, all but {@code tabular-quality} run by default, any chosen with
 * {@code --only}:
 * <ul>
 *   <li>{@code throughput}: training throughput of LeNet, the MLP and the image recipes
 *       {@code small()} and {@code resnet()}, each built with DL4J's defaults, with our fast path,
 *       and in PyTorch, in one run on one machine; SGEMM peak for scale;</li>
 *   <li>{@code isa}: the fast-path rows of LeNet, the MLP and {@code small()} once per ND4J CPU build
 *       this CPU runs (baseline oneDNN, AVX2, AVX-512), each in its own JVM ({@link ChildThroughput}):
 *       what the run-time choice of {@code dl4j-recipes-cpu} gains over the baseline build;</li>
 *   <li>{@code openmp}: the same rows under OpenMP's {@code passive} wait policy (our default) and
 *       libgomp's default, each with our batch-norm helper and with DL4J's oneDNN one;</li>
 *   <li>{@code overhead}: epoch time of {@code recipe.fit} vs a hand loop on the identical network;</li>
 *   <li>{@code augment}: {@code Augment.standard()} alone vs training, and epochs with it vs without;</li>
 *   <li>{@code lrfinder}: the {@code small()} recipe's LR finder against the run it serves (share of
 *       the run, seconds per step vs a training step) on Fashion-MNIST in memory, an image folder and a
 *       small set, and its pick's accuracy vs fastai's 100-step pick;</li>
 *   <li>{@code rss}: peak RSS of the Fashion-MNIST sample in a child JVM;</li>
 *   <li>{@code bigcsv}: a generated 500,000 × 10 numeric CSV (~48 MB): its load time with
 *       {@code TabularData} and peak RSS in a child JVM vs {@code pandas.read_csv} on the same file,
 *       and the peak RSS of {@code train tabular --epochs 1} on it;</li>
 *   <li>{@code tabular-quality} (opt-in, tens of minutes): the default {@code TabularRecipe} vs
 *       scikit-learn's default models on the real tables of {@code bench/data/export-r-tables.sh},
 *       5 split seeds ({@link TabularQuality}); write it with {@code --out bench/RESULTS-tabular.md}.</li>
 * </ul>
 * Time to accuracy ({@code --tta}) is opt-in: minutes per epoch. Prints each table and writes
 * {@code bench/RESULTS.md}.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl bench -am package -DskipTests exec:java}
 * (arguments via {@code -Dexec.args="--quick"} or {@code -Dexec.args="--only throughput,rss"}).
 * The ND4J build is chosen at start-up for this CPU ({@code dl4j-recipes-cpu}); force another with
 * {@code MAVEN_OPTS=-Ddl4j.recipes.cpu.binary=onednn} (or {@code onednn-avx2}, {@code generic}, ...).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks dl4j-recipes against plain DL4J and PyTorch on this machine.")
public final class BenchMain implements Callable<Integer> {
    private static final long SEED = Fit.DEFAULT_SEED;
    private static final int BATCH = 64;
    private static final long[] IMAGE = {1, Networks.SIDE, Networks.SIDE};
    private static final String SMALL = "ImageRecipe small()";
    private static final String RESNET = "ImageRecipe resnet()";
    /**
     * The MLP's warm-up and windows are this many times LeNet's: its steps take ~1/15 of LeNet's,
     * and one-second windows left its rows dominated by noise (fast/plain 0.70× in one run, 1.34× in
     * the next).
     */
    private static final int DENSE_WINDOW_FACTOR = 10;
    /**
     * Peak LR of the time-to-accuracy recipe runs, fixed so that both sides train the same
     * schedule: the recipe's fallback, close to the LR finder's 1.1e-3 pick for small() on this data.
     */
    private static final double TTA_MAX_LR = ImageRecipe.FALLBACK_MAX_LR;
    /** Validation images of the lrfinder section's runs: enough to tell picks apart, cheap to evaluate. */
    private static final int LR_VALID = 2_000;
    private static final int LR_QUICK_VALID = 500;
    private static final int LR_QUICK_TRAIN = 1_280;
    /** Issue 19's folder: 300 images at 64 px. */
    private static final int LR_FOLDER_IMAGES = 300;
    private static final int LR_FOLDER_SIDE = 64;
    private static final double LR_FOLDER_TRAIN_FRACTION = 0.8;
    /** 10 batches of 64: the 100-step sweep passes over them 10 times. */
    private static final int LR_SMALL_IMAGES = 640;
    /** Accuracy within this of the 100-step pick's counts as "as good" in the LR finder summary. */
    private static final double LR_TIE = 0.005;
    /** Epochs of the folder's and the small set's runs. */
    private static final int LR_EPOCHS = 10;
    /** The sample whose peak RSS the rss section reports (examples module). */
    private static final String FASHION_SAMPLE = "io.github.dl4jrecipes.examples.image.FashionMnistSample";

    /** The harness's sections, in the order they run. */
    enum Part { THROUGHPUT, ISA, OPENMP, OVERHEAD, AUGMENT, LRFINDER, RSS, BIGCSV, TABULAR_QUALITY }

    /** Loads of the big CSV per side: the first is cold (JIT, page cache), the best of the rest counts. */
    private static final int BIG_CSV_READS = 3;
    /** The command line's main class (examples module), which the big-CSV section runs on the table. */
    private static final String CLI = "io.github.dl4jrecipes.examples.cli.Dl4jRecipes";

    @Option(names = "--only", split = ",", converter = PartConverter.class, description = "sections to run: "
            + "throughput, isa, openmp, overhead, augment, lrfinder, rss, bigcsv, tabular-quality (default: all but "
            + "tabular-quality)")
    Set<Part> only = EnumSet.complementOf(EnumSet.of(Part.TABULAR_QUALITY));
    @Option(names = "--tables", description = "tabular-quality: the manifest of bench/data/export-r-tables.sh "
            + "(default ${DEFAULT-VALUE})")
    Path tables = Path.of("bench/data/tables/tables.tsv");
    @Option(names = "--table", split = ",", description = "tabular-quality: only these tables of the manifest")
    List<String> tableNames = new ArrayList<>();
    @Option(names = "--split-seeds", split = ",", description = "tabular-quality: split seeds (default ${DEFAULT-VALUE})")
    List<Long> splitSeeds = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
    @Option(names = "--tabular-variants", split = ",", description = "tabular-quality: recipe variants to measure "
            + "(default ${DEFAULT-VALUE})")
    List<String> tabularVariants = new ArrayList<>(List.of("default"));
    @Option(names = "--splits", description = "tabular-quality: where the split files go (default ${DEFAULT-VALUE})")
    Path splits = Path.of("bench/data/splits");
    @Option(names = "--sklearn-peer", description = "the scikit-learn peer script (default ${DEFAULT-VALUE})")
    Path sklearnScript = Path.of("bench/peers/sklearn_peer.py");
    @Option(names = "--warmup", description = "warm-up iterations per network (default ${DEFAULT-VALUE})")
    int warmup = 20;
    @Option(names = "--iterations", description = "iterations per timed window (default ${DEFAULT-VALUE})")
    int iterations = 60;
    @Option(names = "--windows", description = "timed windows; the median counts (default ${DEFAULT-VALUE})")
    int windows = 3;
    @Option(names = "--image-warmup", description = "warm-up iterations of small() and resnet() (default ${DEFAULT-VALUE})")
    int imageWarmup = 5;
    @Option(names = "--image-iterations", description = "iterations per window of small() and resnet(), "
            + "~8× LeNet's work each (default ${DEFAULT-VALUE})")
    int imageIterations = 15;
    @Option(names = "--subset", description = "Fashion-MNIST training images of the overhead and augment "
            + "epochs (default ${DEFAULT-VALUE})")
    int subset = 6400;
    @Option(names = "--repetitions", description = "timed epochs of overhead and augment, after one warm-up "
            + "epoch; the median counts (default ${DEFAULT-VALUE})")
    int repetitions = 3;
    @Option(names = "--rss-train-subset", description = "training images of the sample's rss run (default ${DEFAULT-VALUE})")
    int rssTrainSubset = 3000;
    @Option(names = "--rss-test-subset", description = "test images of the sample's rss run (default ${DEFAULT-VALUE})")
    int rssTestSubset = 1000;
    @Option(names = "--big-csv-rows", description = "rows of the bigcsv section's table (default ${DEFAULT-VALUE}: "
            + "~48 MB)")
    int bigCsvRows = 500_000;
    @Option(names = "--pandas-peer", description = "the pandas peer script (default ${DEFAULT-VALUE})")
    Path pandasScript = Path.of("bench/peers/pandas_peer.py");
    @Option(names = "--lr-seeds", description = "seeds of the lrfinder section (default ${DEFAULT-VALUE})")
    int lrSeeds = 3;
    @Option(names = "--quick", description = "a smoke run: 5 warm-up, 10 iterations (image nets 2 and 3), "
            + "640-image epochs, LR finder runs on 1280 / 300 / 640 images of 1 / 1 / 2 epochs, a 1280-image sample run "
            + "(the sample's LR finder needs 20 batches)")
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
    int ttaMaxEpochs = 8;
    @Option(names = "--tta-train-limit", description = "use only the first N training images (0: all)")
    int ttaTrainLimit;

    private static String[] commandLine = new String[0];
    private final List<String> sections = new ArrayList<>();
    private final List<String> ratios = new ArrayList<>();
    private IdxImages fashionMnist;
    private Hardware hardware;
    /** Read once at start-up: the report is written after every section. */
    private final CpuInfo cpu = CpuInfo.read();
    private Optional<String> noPeer = Optional.empty();
    /** SGEMM 1024² GFLOP/s, measured by the throughput section; NaN without it. */
    private double gemm = Double.NaN;

    public static void main(String[] args) {
        commandLine = args.clone();
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (quick) {
            warmup = 5;
            iterations = 10;
            imageWarmup = 2;
            imageIterations = 3;
            subset = 640;
            rssTrainSubset = 1280;
            rssTestSubset = 200;
            bigCsvRows = 50_000;
        }
        Backend.setUp(); // as every recipe does first: the report then shows the set-up the recipe rows run with
        hardware = Hardware.report();
        System.out.println(hardware);
        PythonPeer peer = new PythonPeer(python, peerScript, "torch", "python3-torch");
        noPeer = peer.unavailableBecause();
        noPeer.ifPresent(why -> System.out.println("PyTorch peer skipped: " + why));
        if (only.contains(Part.THROUGHPUT)) {
            gemm = Gemm.peakGflops();
            System.out.printf(Locale.ROOT, "SGEMM 1024² peak: %.1f GFLOP/s%n", gemm);
            throughput(peer);
        }
        if (only.contains(Part.ISA)) {
            isaDispatch();
        }
        if (only.contains(Part.OPENMP)) {
            openMp();
        }
        if (only.contains(Part.OVERHEAD)) {
            overhead();
        }
        if (only.contains(Part.AUGMENT)) {
            augment();
        }
        if (only.contains(Part.LRFINDER)) {
            lrFinder();
        }
        if (only.contains(Part.RSS)) {
            peakRss();
        }
        if (only.contains(Part.BIGCSV)) {
            bigCsv();
        }
        if (only.contains(Part.TABULAR_QUALITY)) {
            tabularQuality();
        }
        if (tta) {
            section("Time to accuracy", timeToAccuracy(peer).stream().map(l -> "- " + l + "\n")
                    .reduce("", String::concat));
        }
        writeReport(true);
        System.out.println("wrote " + out.toAbsolutePath());
        return 0;
    }

    private void throughput(PythonPeer peer)
            throws IOException, InterruptedException {
        Throughput small = new Throughput(warmup, iterations, windows);
        Throughput heavy = small.withIterations(imageWarmup, imageIterations);
        List<Row> rows = new ArrayList<>();
        Throughput.Result stock = measure(small, "LeNet", "plain DL4J defaults (helpers off, CacheMode.NONE)",
                false, Networks.lenet(CacheMode.NONE, SEED), rows);
        Throughput.Result fast = measure(small, "LeNet", "dl4j-recipes fast path (oneDNN helpers, CacheMode.DEVICE)",
                true, Networks.lenet(CacheMode.DEVICE, SEED), rows);
        Throughput dense = small.withIterations(warmup * DENSE_WINDOW_FACTOR, iterations * DENSE_WINDOW_FACTOR);
        Throughput.Result mlpStock = measure(dense, "MLP 784-256-128-10", "plain DL4J defaults",
                false, Networks.mlp(SEED), rows);
        Throughput.Result mlpFast = measure(dense, "MLP 784-256-128-10", "dl4j-recipes fast path",
                true, Networks.mlp(SEED), rows);
        ImageRecipe recipe = Networks.imageRecipe();
        ComputationGraph smallPlain = Networks.plainDefaults(recipe.small());
        Throughput.Result smallStock = measure(heavy, SMALL, "same graph, plain DL4J defaults (helpers off, "
                + "CacheMode.NONE)", smallPlain, rows);
        Throughput.Result smallOneDnn = measure(heavy, SMALL, "oneDNN helpers only (FastBatchNorm, FastRelu off)",
                Networks.oneDnnOnly(recipe.small()), rows);
        Throughput.Result smallReluBp = measure(heavy, SMALL, "fast path with DL4J's relu_bp (FastRelu off)",
                Networks.withoutFastRelu(recipe.small()), rows);
        ComputationGraph smallNet = Networks.recipeBuilt(recipe.small());
        Throughput.Result smallFast = measure(heavy, SMALL, "as the recipe builds it (fast path)", smallNet, rows);
        Throughput.Result resnetStock = measure(heavy, RESNET, "same graph, plain DL4J defaults (helpers off, "
                + "CacheMode.NONE)", Networks.plainDefaults(recipe.resnet()), rows);
        Throughput.Result resnetOneDnn = measure(heavy, RESNET, "oneDNN helpers only (FastBatchNorm, FastRelu off)",
                Networks.oneDnnOnly(recipe.resnet()), rows);
        Throughput.Result resnetReluBp = measure(heavy, RESNET, "fast path with DL4J's relu_bp (FastRelu off)",
                Networks.withoutFastRelu(recipe.resnet()), rows);
        ComputationGraph resnetNet = Networks.recipeBuilt(recipe.resnet());
        Throughput.Result resnetFast = measure(heavy, RESNET, "as the recipe builds it (fast path)", resnetNet, rows);

        double torchLenet = Double.NaN;
        double torchMlp = Double.NaN;
        double torchSmall = Double.NaN;
        double torchResnet = Double.NaN;
        if (noPeer.isEmpty()) {
            torchLenet = peerThroughput(peer, "lenet", rows, "LeNet", small, -1);
            torchMlp = peerThroughput(peer, "mlp", rows, "MLP 784-256-128-10", dense, -1);
            torchSmall = peerThroughput(peer, "small", rows, SMALL, heavy, smallNet.numParams());
            torchResnet = peerThroughput(peer, "resnet", rows, RESNET, heavy, resnetNet.numParams());
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Batch %d; LeNet and MLP: Adam(1e-3), %d warm-up iterations, median of "
                        + "%d windows of %d iterations (MLP: %d× as many, its steps are short); image recipes: the recipe's updater (Adam, 1cycle, decoupled "
                        + "weight decay 0.01; PyTorch: AdamW(1e-3, 0.01)), %d warm-up iterations, %d windows of %d. "
                        + "Random pixels, fixed labels. Parameters (DL4J count, BN mean and variance included): "
                        + "small() %,d, resnet() %,d, equal on both sides (checked).%n%n",
                BATCH, warmup, windows, iterations, DENSE_WINDOW_FACTOR, imageWarmup, windows, imageIterations,
                smallNet.numParams(), resnetNet.numParams()));
        s.append("| network | variant | median img/s | windows |\n|---|---|---:|---|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s |%n", r.network, r.variant, r.median, r.detail));
        }
        noPeer.ifPresent(why -> s.append("\nPyTorch peer skipped: ").append(why).append('\n'));
        section("Training throughput (images/s)", s.toString());
        ratios.addAll(List.of(
                ratio("LeNet: fast path / plain DL4J", fast.median(), stock.median()),
                ratio("LeNet: fast path / PyTorch", fast.median(), torchLenet),
                ratio("LeNet: plain DL4J / PyTorch", stock.median(), torchLenet),
                ratio("MLP: fast path / plain DL4J", mlpFast.median(), mlpStock.median()),
                ratio("MLP: fast path / PyTorch", mlpFast.median(), torchMlp),
                ratio("small(): recipe / plain DL4J", smallFast.median(), smallStock.median()),
                ratio("small(): recipe / oneDNN helpers only", smallFast.median(), smallOneDnn.median()),
                ratio("small(): recipe / recipe with DL4J's relu_bp", smallFast.median(), smallReluBp.median()),
                ratio("small(): recipe / PyTorch", smallFast.median(), torchSmall),
                ratio("small(): plain DL4J / PyTorch", smallStock.median(), torchSmall),
                ratio("resnet(): recipe / plain DL4J", resnetFast.median(), resnetStock.median()),
                ratio("resnet(): recipe / oneDNN helpers only", resnetFast.median(), resnetOneDnn.median()),
                ratio("resnet(): recipe / recipe with DL4J's relu_bp", resnetFast.median(), resnetReluBp.median()),
                ratio("resnet(): recipe / PyTorch", resnetFast.median(), torchResnet),
                ratio("resnet(): plain DL4J / PyTorch", resnetStock.median(), torchResnet),
                String.format(Locale.ROOT, "LeNet fast path achieves %.1f GFLOP/s of training (%.0f%% of the SGEMM peak)",
                        fast.median() * Networks.lenetTrainingFlopsPerImage() / 1e9,
                        100 * fast.median() * Networks.lenetTrainingFlopsPerImage() / 1e9 / gemm)));
    }

    private void isaDispatch() throws IOException, InterruptedException {
        List<ChildThroughput.Row> rows = ChildThroughput.measure(ChildThroughput.builds(), warmup, iterations, windows,
                imageWarmup, imageIterations);
        section("Run-time choice of the CPU build (ISA dispatch)", String.format(Locale.ROOT, "Fast-path throughput "
                + "(as in the throughput section: batch %d, median of %d windows) in one child JVM per ND4J CPU build, "
                + "forced with -D%s; `auto` (the default of dl4j-recipes-cpu) loads the last row on this CPU. libnd4j "
                + "level: 1 baseline x86-64, 2 AVX2, 3 AVX-512.%n%n%s", BATCH, windows, CpuBinaries.BINARY_PROPERTY,
                childTable("build", rows)));
        ChildThroughput.Row base = rows.get(0);
        ChildThroughput.Row best = rows.get(rows.size() - 1);
        ratios.addAll(List.of(
                ratio("LeNet: " + best.name() + " / onednn (dispatch on / off)", best.lenet(), base.lenet()),
                ratio("MLP: " + best.name() + " / onednn (dispatch on / off)", best.mlp(), base.mlp()),
                ratio("small(): " + best.name() + " / onednn (dispatch on / off)", best.small(), base.small())));
    }

    private void openMp() throws IOException, InterruptedException {
        List<ChildThroughput.Row> rows = ChildThroughput.measure(ChildThroughput.waitPolicies(), warmup, iterations,
                windows, imageWarmup, imageIterations);
        section("OpenMP wait policy and the batch-norm helper", String.format(Locale.ROOT, "Fast-path throughput "
                + "(batch %d, median of %d windows) in one child JVM per row, on the build `auto` loads: OpenMP's wait "
                + "policy set with -D%s (`passive`, the default, or libgomp's own default) and `small()`'s batch norm "
                + "through our helper or DL4J's oneDNN one (-D%s=false); LeNet and the MLP have no batch norm.%n%n%s",
                BATCH, windows, OpenMpWaitPolicy.PROPERTY, FastBatchNorm.SWITCH_PROPERTY, childTable("settings", rows)));
        ChildThroughput.Row passive = rows.get(0);
        ChildThroughput.Row libgomp = rows.get(2);
        ratios.addAll(List.of(
                ratio("LeNet: OpenMP passive / libgomp default", passive.lenet(), libgomp.lenet()),
                ratio("MLP: OpenMP passive / libgomp default", passive.mlp(), libgomp.mlp()),
                ratio("small(): OpenMP passive / libgomp default", passive.small(), libgomp.small()),
                ratio("small(), passive: our batch norm / DL4J's oneDNN one", passive.small(), rows.get(1).small())));
    }

    private static String childTable(String what, List<ChildThroughput.Row> rows) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "| %s | libnd4j level | LeNet img/s "
                + "| MLP img/s | small() img/s |%n|---|---:|---:|---:|---:|%n", what));
        rows.forEach(r -> s.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n",
                r.name(), r.binaryLevel(), r.lenet(), r.mlp(), r.small())));
        return s.toString();
    }

    private void overhead() throws IOException {
        RecipeEpochs epochs = new RecipeEpochs(subset(), repetitions);
        ImageRecipe recipe = Networks.imageRecipe().small().withAugment(Augment.none());
        System.out.println("overhead: hand loop network.fit(iterator) vs recipe.fit, ABBA");
        double[][] pair = abba(() -> epochs.handLoop(recipe), () -> epochs.recipeFit(recipe));
        double[] hand = pair[0];
        double[] viaRecipe = pair[1];
        double ratio = Throughput.median(viaRecipe) / Throughput.median(hand);
        section("Recipe overhead", String.format(Locale.ROOT, "small() recipe, Augment.none(), 1cycle at a fixed "
                        + "peak %.0e (no LR finder), no validation, %d Fashion-MNIST training images, batch %d; median "
                        + "of %d epochs, each from two runs of a warm-up epoch and %d timed ones, in the order hand loop, "
                        + "recipe, recipe, hand loop (so that a drift in the machine's speed hits both alike). Recipe: the training pass of `recipe.fit(train, null)` "
                        + "(history's wall seconds: listeners, divergence watch and progress included; the per-epoch "
                        + "train-metric pass excluded). Hand loop: `network.fit(iterator)` on "
                        + "`recipe.build(batchesPerEpoch)` (the same network, helpers included), same shuffled batches.%n%n"
                        + "| loop | median epoch s | epochs s |%n|---|---:|---|%n"
                        + "| hand loop | %.2f | %s |%n| recipe.fit | %.2f | %s |%n%n"
                        + "recipe / hand loop: **%.3f×** (goal ≤ 1.02×)%n",
                RecipeEpochs.MAX_LR, epochs.images(), BATCH, 2 * repetitions, repetitions, Throughput.median(hand),
                seconds(hand),
                Throughput.median(viaRecipe), seconds(viaRecipe), ratio));
    }

    private void augment() throws IOException {
        DataSet train = subset();
        RecipeEpochs epochs = new RecipeEpochs(train, repetitions);
        ImageRecipe recipe = Networks.imageRecipe().small();
        Throughput.Result pipeline = AugmentThroughput.measure(Augment.standard(), recipe.shape(), train, BATCH,
                repetitions, SEED);
        System.out.println("augment: standard() alone " + pipeline);
        System.out.println("augment: recipe.fit with none() vs standard(), ABBA");
        double[][] pair = abba(() -> epochs.recipeFit(recipe.withAugment(Augment.none())),
                () -> epochs.recipeFit(recipe.withAugment(Augment.standard())));
        double[] none = pair[0];
        double[] standard = pair[1];
        double training = epochs.images() / Throughput.median(none);
        section("Augmentation", String.format(Locale.ROOT, "small() recipe, %d Fashion-MNIST training images, batch "
                        + "%d, median of %d epochs (training pass of `recipe.fit`), each from two runs of a warm-up "
                        + "epoch and %d timed ones, in the order none, standard, standard, none. The "
                        + "pipeline runs on one background thread while the network trains.%n%n"
                        + "| measurement | img/s | detail |%n|---|---:|---|%n"
                        + "| Augment.standard() pipeline alone (BatchAugmenter, one thread) | %.0f | %s |%n"
                        + "| small() training, Augment.none() | %.0f | epochs %s s |%n"
                        + "| small() training, Augment.standard() | %.0f | epochs %s s |%n%n"
                        + "pipeline / training: %.1f×; epoch time standard() / none(): **%.3f×** (goal ≤ 1.05×)%n",
                epochs.images(), BATCH, 2 * repetitions, repetitions, pipeline.median(), pipeline, training,
                seconds(none),
                epochs.images() / Throughput.median(standard), seconds(standard), pipeline.median() / training,
                Throughput.median(standard) / Throughput.median(none)));
    }

    /**
     * The LR finder against the run it serves on three paths ({@link LrFinderCost}), for
     * {@code --lr-seeds} seeds each: Fashion-MNIST in memory for one epoch (all of it; the first
     * {@link #LR_QUICK_TRAIN} images with {@code --quick}, which changes nothing else here), a folder of {@link #LR_FOLDER_IMAGES}
     * PNGs read at 64 px (issue 19's case), and {@link #LR_SMALL_IMAGES} images in memory, which the
     * 100-step sweep passes over 10 times.
     */
    private void lrFinder() throws IOException {
        IdxImages fashion = fashionMnist();
        DataSet valid = (DataSet) fashion.test().getRange(0, quick ? LR_QUICK_VALID : LR_VALID);
        ImageRecipe recipe = Networks.imageRecipe().small().withAugment(Augment.none()).withBatchSize(BATCH);
        DataSet all = quick ? (DataSet) fashion.train().getRange(0, LR_QUICK_TRAIN) : fashion.train();
        Path folder = LrFinderCost.writeFolder((DataSet) fashion.train().getRange(0, LR_FOLDER_IMAGES),
                Files.createTempDirectory("lrfinder-folder-"));
        ImageFolderSplit split = ImageFolders.from(folder).withSize(LR_FOLDER_SIDE, LR_FOLDER_SIDE)
                .withChannels(ImageFolders.GREY_CHANNELS).load().split(LR_FOLDER_TRAIN_FRACTION, SEED);
        ImageRecipe folderRecipe = ImageRecipe.classifier(LR_FOLDER_SIDE, LR_FOLDER_SIDE, 1, fashion.numClasses())
                .small().withAugment(Augment.none()).withBatchSize(BATCH).withEpochs(LR_EPOCHS);
        DataSet few = (DataSet) fashion.train().getRange(0, LR_SMALL_IMAGES);

        List<LrFinderCost.Row> rows = new ArrayList<>();
        for (long seed = SEED; seed < SEED + lrSeeds; seed++) {
            long s = seed;
            rows.add(LrFinderCost.measure("Fashion-MNIST in memory", recipe.withEpochs(1).withSeed(s),
                    () -> InMemoryIterator.shuffled(all, BATCH, s), all.numExamples(),
                    InMemoryIterator.sequential(valid, BATCH)));
            rows.add(LrFinderCost.measure(LR_FOLDER_IMAGES + " PNGs, folder read at " + LR_FOLDER_SIDE + " px",
                    folderRecipe.withSeed(s), () -> split.train().iterator(BATCH, s), split.train().size(),
                    split.valid().iterator(BATCH)));
            rows.add(LrFinderCost.measure(LR_SMALL_IMAGES + " images in memory (repeated passes)",
                    recipe.withEpochs(LR_EPOCHS).withSeed(s), () -> InMemoryIterator.shuffled(few, BATCH, s),
                    few.numExamples(), InMemoryIterator.sequential(valid, BATCH)));
        }
        StringBuilder table = new StringBuilder(LrFinderCost.HEADER);
        rows.forEach(r -> table.append(r.markdown()));
        section("LR finder cost", String.format(Locale.ROOT, "`small()` recipe, batch %d, no augmentation, seeds %d–%d "
                        + "(network and shuffle); validation: the first %,d Fashion-MNIST test images (the folder: its own "
                        + "20%%). \"capped\" is the sweep the recipes run, at most %.0f%% of the run's steps "
                        + "(`withMaxShare(LrFinder.SHORT_SWEEP_SHARE)`, never below %d), its loss average and end margin "
                        + "scaled to its length; \"100 steps\" is fastai's sweep without the cap (run first on each path "
                        + "and seed, so it also warms the JVM up); \"unscaled\" is the capped sweep with fastai's β 0.98 "
                        + "and last-5-steps margin whatever its length (the earlier behaviour). Each pick trains the same "
                        + "run. Times are wall seconds; the run's are its training passes (validation left out). Goal "
                        + "(issue 19): finder step / train step ≤ 1.2; the capped pick's accuracy as good as the "
                        + "100-step pick's.%n%n%s%n%s", BATCH, SEED, SEED + lrSeeds - 1, valid.numExamples(),
                100 * LrFinder.SHORT_SWEEP_SHARE, LrFinder.MIN_ITERATIONS, table, lrSummary(rows)));
    }

    /** Per path: the capped and unscaled picks' accuracy minus the 100-step pick's, mean and wins, over the seeds. */
    private static String lrSummary(List<LrFinderCost.Row> rows) {
        StringBuilder s = new StringBuilder("| path | seeds | capped − 100-step acc. (mean) | capped ≥ 100-step − 0.005 "
                + "| unscaled − 100-step acc. (mean) | unscaled ≥ 100-step − 0.005 | finder / run (mean) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (String path : rows.stream().map(LrFinderCost.Row::path).distinct().toList()) {
            List<LrFinderCost.Row> mine = rows.stream().filter(r -> r.path().equals(path)).toList();
            double capped = mine.stream().mapToDouble(r -> r.capped().accuracy() - r.full().accuracy()).average().orElse(0);
            double unscaled = mine.stream().mapToDouble(r -> r.unscaled().accuracy() - r.full().accuracy()).average()
                    .orElse(0);
            long cappedOk = mine.stream().filter(r -> r.capped().accuracy() >= r.full().accuracy() - LR_TIE).count();
            long unscaledOk = mine.stream().filter(r -> r.unscaled().accuracy() >= r.full().accuracy() - LR_TIE).count();
            double share = mine.stream().mapToDouble(LrFinderCost.Row::share).average().orElse(0);
            s.append(String.format(Locale.ROOT, "| %s | %d | %+.4f | %d of %d | %+.4f | %d of %d | %.1f%% |%n", path,
                    mine.size(), capped, cappedOk, mine.size(), unscaled, unscaledOk, mine.size(), 100 * share));
        }
        return s.toString();
    }

    private void peakRss() throws IOException, InterruptedException {
        Path output = Files.createTempDirectory("fashion-rss-");
        List<String> args = List.of("--epochs", "1", "--train-subset", Integer.toString(rssTrainSubset),
                "--test-subset", Integer.toString(rssTestSubset), "--output", output.toString());
        System.out.println("rss: FashionMnistSample " + String.join(" ", args));
        PeakRss.Result rss = PeakRss.of(FASHION_SAMPLE, args);
        String shown = String.join(" ", args).replace(output.toString(), "<tmp>");
        section("Peak RSS of the Fashion-MNIST sample", String.format(Locale.ROOT,
                "`FashionMnistSample %s` in a child JVM (the examples jar and runtime classpath that `./dl4j-recipes` "
                        + "builds, default heap settings), read with %s: "
                        + "**%.0f MiB** peak RSS, %.0f s wall. The full run (`--epochs 10`, all 70,000 images) is "
                        + "measured the same way: `java -cp <classpath> %s --epochs 10 --output <dir>` under "
                        + "`/usr/bin/time -f %%M`.%n",
                shown, rss.method(), rss.mib(), rss.seconds(), FASHION_SAMPLE));
    }

    private void bigCsv() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("big-csv-");
        Path file = dir.resolve("big.csv");
        BigCsv.write(file, bigCsvRows, SEED);
        double megabytes = Files.size(file) / 1e6;
        System.out.printf(Locale.ROOT, "bigcsv: %d rows x %d columns, %.1f MB%n", bigCsvRows, BigCsv.COLUMNS, megabytes);
        PeakRss.Result load = PeakRss.of(BigCsv.class.getName(), List.of(file.toString(),
                Integer.toString(BIG_CSV_READS)), List.of(Path.of("bench/target/classes")));
        double[] ours = load.output().lines().filter(l -> l.startsWith(BigCsv.TIMES)).findFirst()
                .map(l -> Arrays.stream(l.substring(BigCsv.TIMES.length()).trim().split(" "))
                        .mapToDouble(Double::parseDouble).toArray())
                .orElseThrow(() -> new IOException("the load child printed no times:\n" + load.output()));
        List<String> train = List.of("train", "tabular", "--csv", file.toString(), "--target", BigCsv.TARGET,
                "--output", dir.resolve("model").toString(), "--epochs", "1");
        System.out.println("bigcsv: " + String.join(" ", train));
        PeakRss.Result trained = PeakRss.of(CLI, train);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "A generated table of %,d rows × %d numeric "
                + "columns (`BigCsv`, seed %d, %.1f MB), read %d times in one process per side; the first read is "
                + "cold, the best of the others counts. Ours: `TabularData.fromCsv(file).target(\"%s\").build()` "
                + "(read, schema inferred, primitive columns) in a child JVM with default heap settings; peak RSS "
                + "read with %s.%n%n| reader | first read (s) | best warm read (s) | peak RSS (MiB) |%n|---|---|---|---|%n"
                + "| TabularData | %.2f | %.2f | %.0f |%n", bigCsvRows, BigCsv.COLUMNS, SEED, megabytes, BIG_CSV_READS,
                BigCsv.TARGET, load.method(), ours[0], best(ours), load.mib()));
        PythonPeer pandas = new PythonPeer(python, pandasScript, "pandas", "python3-pandas");
        Optional<String> noPandas = pandas.unavailableBecause();
        if (noPandas.isPresent()) {
            s.append(String.format(Locale.ROOT, "%npandas peer skipped: %s%n", noPandas.get()));
        } else {
            JsonNode peer = pandas.run(file.toString(), Integer.toString(BIG_CSV_READS));
            double[] theirs = new double[peer.get("seconds").size()];
            Arrays.setAll(theirs, i -> peer.get("seconds").get(i).asDouble());
            s.append(String.format(Locale.ROOT, "| pandas %s `read_csv` | %.2f | %.2f | %.0f |%n",
                    peer.get("pandas").asText(), theirs[0], best(theirs), peer.get("peak_rss_mib").asDouble()));
            ratios.add(ratio("big CSV load: TabularData / pandas.read_csv (best warm read; goal <= 2)", best(ours),
                    best(theirs)));
        }
        s.append(String.format(Locale.ROOT, "%n`dl4j-recipes train tabular --csv <file> --target %s --output <dir> "
                + "--epochs 1` (60/20/20 split, LR finder, one epoch, test metric, model folder) in a child JVM, "
                + "default heap settings: **%.0f MiB** peak RSS (goal <= 1 GiB for 500,000 rows), %.0f s wall.%n",
                BigCsv.TARGET, trained.mib(), trained.seconds()));
        section("Big CSV: load time and peak RSS vs pandas", s.toString());
    }

    /** The default tabular recipe (and the chosen variants) against scikit-learn's default models ({@link TabularQuality}). */
    private void tabularQuality() throws IOException, InterruptedException {
        PythonPeer sklearn = new PythonPeer(python, sklearnScript, "sklearn", "python3-sklearn python3-pandas");
        Optional<String> why = sklearn.unavailableBecause();
        if (why.isPresent()) {
            section("Tabular quality vs scikit-learn", "skipped: " + why.get() + "\n");
            return;
        }
        section("Tabular quality vs scikit-learn", new TabularQuality(splits, sklearn, tabularVariants)
                .run(TabularQuality.tables(tables, tableNames), splitSeeds));
    }

    /** Reads {@code tabular-quality} as {@link Part#TABULAR_QUALITY}, any case. */
    static final class PartConverter implements CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            return Part.valueOf(value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        }
    }

    /** The fastest of the warm reads (all but the first), or the only read. */
    private static double best(double[] seconds) {
        return seconds.length == 1 ? seconds[0] : Arrays.stream(seconds).skip(1).min().orElseThrow();
    }

    private DataSet subset() {
        DataSet train = fashionMnist().train();
        return (DataSet) train.getRange(0, Math.min(subset, train.numExamples()));
    }

    private IdxImages fashionMnist() {
        if (fashionMnist == null) {
            fashionMnist = FashionMnist.load();
        }
        return fashionMnist;
    }

    /** The small() recipe's epochs without augmentation: shared by the overhead and augment sections. */
    /**
     * Runs {@code a}, {@code b}, {@code b}, {@code a} and pools each side's epoch times: a linear
     * drift in the machine's speed (seen here: 40 % within an hour) then costs both sides alike.
     */
    private static double[][] abba(Supplier<double[]> a, Supplier<double[]> b) {
        double[] a1 = a.get();
        double[] b1 = b.get();
        double[] b2 = b.get();
        double[] a2 = a.get();
        return new double[][]{concat(a1, a2), concat(b1, b2)};
    }

    private static double[] concat(double[] first, double[] second) {
        double[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String seconds(double[] values) {
        return Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray());
    }

    /** Prints a section and writes the report so far: a run that dies keeps the sections it finished. */
    private void section(String title, String markdown) throws IOException {
        System.out.println("## " + title + "\n\n" + markdown);
        sections.add("## " + title + "\n\n" + markdown);
        writeReport(false);
    }

    private void writeReport(boolean complete) throws IOException {
        AtomicFiles.writeString(out, report(complete));
    }

    private static Throughput.Result measure(Throughput throughput, String network, String variant,
                                             boolean fastPath, MultiLayerConfiguration conf, List<Row> rows) {
        Supplier<MultiLayerNetwork> build = () -> {
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            return net;
        };
        if (fastPath) {
            OneDnn.enable();
        }
        return measure(throughput, network, variant, fastPath ? build.get() : Networks.withoutHelpers(build), rows);
    }

    private static Throughput.Result measure(Throughput throughput, String network, String variant,
                                             NeuralNetwork net, List<Row> rows) {
        Throughput.Result result = net instanceof ComputationGraph
                ? throughput.measure(net, BATCH, SEED, IMAGE) : throughput.measure(net, BATCH, SEED);
        System.out.printf(Locale.ROOT, "%-20s %-60s %s%n", network, variant, result);
        rows.add(new Row(network, variant, result.median(), result.toString()));
        return result;
    }

    /** The peer's median; when {@code expectedParams} ≥ 0, fails unless the peer's network has as many. */
    private double peerThroughput(PythonPeer peer, String model, List<Row> rows, String network,
                                  Throughput throughput, long expectedParams) throws IOException, InterruptedException {
        JsonNode r = peer.run("--mode", "throughput", "--model", model, "--batch", Integer.toString(BATCH),
                "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "--warmup", Integer.toString(throughput.warmup()), "--iters", Integer.toString(throughput.iterations()),
                "--windows", Integer.toString(throughput.windows()));
        long params = r.get("params").asLong();
        if (expectedParams >= 0 && params != expectedParams) {
            throw new IllegalStateException("the PyTorch peer's " + model + " has " + params
                    + " parameters, the DL4J network " + expectedParams + ": bench/peers/pytorch_peer.py no longer "
                    + "mirrors the recipe's architecture; fix the peer");
        }
        double median = r.get("median_img_s").asDouble();
        String variant = "PyTorch " + r.get("torch").asText() + " (same net, " + r.get("optimizer").asText() + ", "
                + r.get("threads").asInt() + " threads)";
        List<Long> windowRates = new ArrayList<>();
        r.get("windows_img_s").forEach(w -> windowRates.add(Math.round(w.asDouble())));
        String detail = String.format(Locale.ROOT, "%.0f img/s %s", median, windowRates);
        System.out.printf(Locale.ROOT, "%-20s %-60s %s%n", network, variant, detail);
        rows.add(new Row(network, variant, median, detail));
        return median;
    }

    private List<String> timeToAccuracy(PythonPeer peer)
            throws IOException, InterruptedException {
        IdxImages data = FashionMnist.loader().withFlatFeatures(true).load();
        DataSet flat = ttaTrainLimit > 0
                ? (DataSet) data.train().getRange(0, Math.min(ttaTrainLimit, data.train().numExamples()))
                : data.train();
        TimeToAccuracy lenetRunner = new TimeToAccuracy(flat, data.test(), BATCH, ttaTarget, ttaMaxEpochs, SEED);
        TimeToAccuracy imageRunner = new TimeToAccuracy(images(flat), images(data.test()), BATCH, ttaTarget,
                ttaMaxEpochs, SEED);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Fashion-MNIST, %d training images (shuffled each epoch, no augmentation), "
                        + "%d test images, target test accuracy %.2f, at most %d epochs, batch %d; seconds of training "
                        + "until the end of the first epoch that reaches the target (evaluation excluded)",
                flat.numExamples(), data.test().numExamples(), ttaTarget, ttaMaxEpochs, BATCH));

        String recipeName = String.format(Locale.ROOT, "ImageRecipe small(), 1cycle over %d epochs, peak LR %s, "
                + "AdamW wd %s", ttaMaxEpochs, TTA_MAX_LR, ImageRecipe.DEFAULT_WEIGHT_DECAY);
        System.out.println(recipeName);
        int batchesPerEpoch = (flat.numExamples() + BATCH - 1) / BATCH;
        ComputationGraph recipeNet = Networks.imageRecipe().small().withAugment(Augment.none()).withEpochs(ttaMaxEpochs)
                .withMaxLr(TTA_MAX_LR).build(batchesPerEpoch);
        lines.add(recipeName + ", dl4j-recipes: " + imageRunner.run(recipeNet));

        String lenetName = "LeNet, Adam 1e-3 constant (DL4J examples' style)";
        System.out.println(lenetName + ", plain DL4J defaults");
        MultiLayerNetwork lenet = Networks.withoutHelpers(() -> {
            MultiLayerNetwork net = new MultiLayerNetwork(Networks.lenet(CacheMode.NONE, SEED));
            net.init();
            return net;
        });
        lines.add(lenetName + ", plain DL4J defaults: " + lenetRunner.run(lenet));

        if (noPeer.isEmpty()) {
            lines.add(recipeName + ", PyTorch mirror: " + peerTimeToAccuracy(peer, data, "small", "--one-cycle",
                    "--max-lr", Double.toString(TTA_MAX_LR)));
            lines.add(lenetName + ", PyTorch: " + peerTimeToAccuracy(peer, data, "lenet"));
        }
        return lines;
    }

    /** {@code [n, 784]} images as {@code [n, 1, 28, 28]}, the image recipes' input. */
    private static DataSet images(DataSet flat) {
        long n = flat.numExamples();
        return new DataSet(flat.getFeatures().reshape(n, 1, Networks.SIDE, Networks.SIDE), flat.getLabels());
    }

    private String peerTimeToAccuracy(PythonPeer peer, IdxImages data, String model, String... extra)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--mode", "tta", "--model", model, "--batch", Integer.toString(BATCH),
                "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "--target", Double.toString(ttaTarget), "--max-epochs", Integer.toString(ttaMaxEpochs),
                "--data", data.source().toString(), "--train-limit", Integer.toString(ttaTrainLimit)));
        args.addAll(Arrays.asList(extra));
        JsonNode r = peer.run(args.toArray(String[]::new));
        JsonNode reached = r.get("reached");
        List<String> accuracies = new ArrayList<>();
        r.get("epochs").forEach(e -> accuracies.add(String.format(Locale.ROOT, "%.4f", e.get("test_accuracy").asDouble())));
        String where = reached.isNull()
                ? String.format(Locale.ROOT, "not reached in %d epochs, %.0f s", ttaMaxEpochs,
                        r.get("epochs").get(r.get("epochs").size() - 1).get("seconds").asDouble())
                : String.format(Locale.ROOT, "reached at epoch %d, %.0f s", reached.get("epoch").asInt(),
                        reached.get("seconds").asDouble());
        return where + " (PyTorch " + r.get("torch").asText() + "; test accuracy per epoch " + accuracies + ")";
    }

    private static String ratio(String name, double numerator, double denominator) {
        return Double.isNaN(denominator) ? name + ": n/a (peer skipped)"
                : String.format(Locale.ROOT, "%s: %.2f×", name, numerator / denominator);
    }

    private String report(boolean complete) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark results\n\n");
        s.append("Written by the harness in `bench/` (`BenchMain`); never edited by hand.\n\n");
        s.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        s.append("- command: `mvn -B -q -pl bench -am package -DskipTests exec:java`");
        s.append(commandLine.length > 0 ? " with `-Dexec.args=\"" + String.join(" ", commandLine) + "\"`\n" : "\n");
        s.append("- sections: ").append(only.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList())
                .append(tta ? " + tta" : "").append('\n');
        if (!complete) {
            s.append("- **incomplete**: written after ").append(sections.size())
                    .append(" section(s); the run was still going or stopped before the rest\n");
        }
        s.append("- CPU: ").append(cpu.model().orElse(System.getProperty("os.arch"))).append("; SIMD flags: ")
                .append(cpu.flags().isEmpty() ? "unknown (no /proc/cpuinfo)" : String.join(" ", cpu.simdFlags()))
                .append('\n');
        s.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        if (!Double.isNaN(gemm)) {
            s.append("- SGEMM 1024² peak through ND4J: ").append(String.format(Locale.ROOT, "%.1f GFLOP/s", gemm))
                    .append('\n');
        }
        noPeer.ifPresent(why -> s.append("- PyTorch peer skipped: ").append(why).append('\n'));
        s.append("\n```\n").append(hardware).append("```\n\n");
        sections.forEach(section -> s.append(section).append('\n'));
        if (!ratios.isEmpty()) {
            s.append("## Ratios (same run)\n\n");
            ratios.forEach(r -> s.append("- ").append(r).append('\n'));
        }
        return s.toString();
    }

    private record Row(String network, String variant, double median, String detail) {
    }
}
