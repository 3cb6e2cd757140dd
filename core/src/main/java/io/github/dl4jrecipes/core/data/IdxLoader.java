package io.github.dl4jrecipes.core.data;

import io.github.dl4jrecipes.core.data.internal.Download;
import io.github.dl4jrecipes.core.data.internal.IdxFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, downloads if needed, and loads an MNIST-style IDX image set ({@link FashionMnist},
 * {@link Mnist}). Immutable; change settings through the {@code withX} copies.
 *
 * <p>The four files ({@code train-images-idx3-ubyte}, …, each plain or {@code .gz}) are looked for,
 * in this order, in: the folder given by {@link #withDir(Path)}; {@code $DL4J_RECIPES_DATA/<name>};
 * {@code ~/.dl4j-recipes/data/<name>}; {@code /usr/share/datasets/<name>} (Debian's
 * {@code dataset-fashion-mnist}). The first folder holding all four wins. If none does, they are
 * downloaded from the official source into the cache folder ({@link #cacheDir()}), each verified
 * against its published SHA-256 before it is renamed into place.
 *
 * <pre>{@code
 * IdxImages fm = FashionMnist.loader().withFlatFeatures(true).load();   // [60000, 784]
 * IdxImages local = Mnist.loader().withDir(Path.of("data/mnist")).withDownload(false).load();
 * }</pre>
 */
public final class IdxLoader {

    private static final Logger LOG = LoggerFactory.getLogger(IdxLoader.class);

    /** Environment variable naming the root folder of all dl4j-recipes data sets. */
    public static final String DATA_ENV = "DL4J_RECIPES_DATA";
    /** Per-user data root, relative to the home folder. */
    public static final String USER_DATA_DIR = ".dl4j-recipes/data";
    /** Where Debian's {@code dataset-*} packages install data sets. */
    public static final Path SYSTEM_DATA_ROOT = Path.of("/usr/share/datasets");
    /** Connect and read timeout of each download request; generous for slow links, finite so a dead host fails. */
    public static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);
    /** Largest pixel value of an unsigned-byte image; features are divided by it to lie in [0, 1]. */
    static final float MAX_PIXEL = 255f;
    /** Images are stored with one (grey) channel. */
    private static final int CHANNELS = 1;
    private static final int IMAGE_DIMS = 3;
    private static final int LABEL_DIMS = 1;

    private final IdxSpec spec;
    private final Path dir;
    private final boolean flat;
    private final boolean download;
    private final UnaryOperator<String> environment;
    private final Path userHome;
    private final Path systemRoot;

    private IdxLoader(IdxSpec spec, Path dir, boolean flat, boolean download, UnaryOperator<String> environment,
            Path userHome, Path systemRoot) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.dir = dir;
        this.flat = flat;
        this.download = download;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.systemRoot = Objects.requireNonNull(systemRoot, "systemRoot");
    }

    static IdxLoader of(IdxSpec spec) {
        return new IdxLoader(spec, null, false, true, System::getenv, Path.of(System.getProperty("user.home")),
                SYSTEM_DATA_ROOT);
    }

    /** Looks in {@code folder} first. */
    public IdxLoader withDir(Path folder) {
        return new IdxLoader(spec, Objects.requireNonNull(folder, "folder"), flat, download, environment, userHome,
                systemRoot);
    }

    /** {@code true}: features {@code [n, rows*cols]}; {@code false} (default): {@code [n, 1, rows, cols]}. */
    public IdxLoader withFlatFeatures(boolean flatFeatures) {
        return new IdxLoader(spec, dir, flatFeatures, download, environment, userHome, systemRoot);
    }

    /** Whether to download when no folder holds the files (default {@code true}). */
    public IdxLoader withDownload(boolean allowed) {
        return new IdxLoader(spec, dir, flat, allowed, environment, userHome, systemRoot);
    }

    /** Downloads from {@code url} (a folder URL ending in {@code /}) instead of the official source. */
    public IdxLoader withBaseUrl(URI url) {
        if (url == null || !url.toString().endsWith("/")) {
            throw new IllegalArgumentException("baseUrl: must be a folder URL ending with '/', got " + url
                    + "; fix: e.g. URI.create(\"https://mirror.example/fashion-mnist/\")");
        }
        return new IdxLoader(spec.withBaseUrl(url), dir, flat, download, environment, userHome, systemRoot);
    }

    IdxLoader withEnvironment(UnaryOperator<String> env) {
        return new IdxLoader(spec, dir, flat, download, env, userHome, systemRoot);
    }

    IdxLoader withUserHome(Path home) {
        return new IdxLoader(spec, dir, flat, download, environment, home, systemRoot);
    }

    IdxLoader withSystemRoot(Path root) {
        return new IdxLoader(spec, dir, flat, download, environment, userHome, root);
    }

    IdxLoader withSpec(IdxSpec other) {
        return new IdxLoader(other, dir, flat, download, environment, userHome, systemRoot);
    }

    /** The folders searched, in order. */
    public List<Path> searchPath() {
        LinkedHashSet<Path> folders = new LinkedHashSet<>();
        if (dir != null) {
            folders.add(dir);
        }
        envRoot().ifPresent(root -> folders.add(root.resolve(spec.name())));
        folders.add(userHome.resolve(USER_DATA_DIR).resolve(spec.name()));
        folders.add(systemRoot.resolve(spec.name()));
        return List.copyOf(folders);
    }

    /** Where downloads go: {@code $DL4J_RECIPES_DATA/<name>} if set, else {@code ~/.dl4j-recipes/data/<name>}. */
    public Path cacheDir() {
        return envRoot().orElse(userHome.resolve(USER_DATA_DIR)).resolve(spec.name());
    }

    private Optional<Path> envRoot() {
        String value = environment.apply(DATA_ENV);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Finds (or downloads) and reads the set. */
    public IdxImages load() {
        Path folder = locate();
        DataSet train = read(folder, IdxSpec.TRAIN_IMAGES, IdxSpec.TRAIN_LABELS);
        DataSet test = read(folder, IdxSpec.TEST_IMAGES, IdxSpec.TEST_LABELS);
        LOG.info("Loaded {} from {}: {} train and {} test images", spec.title(), folder, train.numExamples(),
                test.numExamples());
        return new IdxImages(train, test, spec.classNames(), folder);
    }

    private Path locate() {
        List<Path> searched = searchPath();
        for (Path folder : searched) {
            if (IdxSpec.FILES.stream().allMatch(file -> find(folder, file).isPresent())) {
                return folder;
            }
            if (folder.equals(dir)) {
                LOG.warn("{} does not hold all of {} (plain or .gz); looking further", folder, IdxSpec.FILES);
            }
        }
        String places = String.join(", ", searched.stream().map(Path::toString).toList());
        if (!download) {
            throw notFound(places, "downloads are off (withDownload(false))", null);
        }
        Path cache = cacheDir();
        try {
            for (String file : IdxSpec.FILES) {
                String name = file + IdxSpec.GZIP_SUFFIX;
                Path target = cache.resolve(name);
                if (!Files.isRegularFile(target)) {
                    Download.verified(spec.baseUrl().resolve(name), target, spec.sha256().get(name), DOWNLOAD_TIMEOUT);
                }
            }
        } catch (IOException e) {
            throw notFound(places, "the download from " + spec.baseUrl() + " failed (" + e + ")", e);
        }
        return cache;
    }

    private DataLoadException notFound(String places, String why, Throwable cause) {
        return new DataLoadException(spec.title() + " was not found: no folder holds all of "
                + String.join(", ", IdxSpec.FILES) + " (plain or .gz). Searched: " + places + "; " + why
                + ". Fix: " + spec.installHint() + ", or put the four files from " + spec.baseUrl()
                + " into one of those folders, or set " + DATA_ENV + " to a folder holding " + spec.name() + "/.",
                cause);
    }

    private static Optional<Path> find(Path folder, String file) {
        Path gz = folder.resolve(file + IdxSpec.GZIP_SUFFIX);
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path plain = folder.resolve(file);
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    private DataSet read(Path folder, String imagesName, String labelsName) {
        IdxFile images = IdxFile.read(find(folder, imagesName).orElseThrow(), IMAGE_DIMS);
        IdxFile labels = IdxFile.read(find(folder, labelsName).orElseThrow(), LABEL_DIMS);
        if (labels.count() != images.count()) {
            throw new DataLoadException("IDX label file " + labels.path() + " holds " + labels.count()
                    + " labels but image file " + images.path() + " holds " + images.count()
                    + " images; fix: use the label file that belongs to these images");
        }
        int n = images.count();
        int classes = spec.classNames().size();
        int[] ids = labels.unsigned();
        float[] oneHot = new float[n * classes];
        for (int i = 0; i < n; i++) {
            if (ids[i] >= classes) {
                throw new DataLoadException("IDX label file " + labels.path() + " has label " + ids[i] + " at index "
                        + i + ", outside the class range 0.." + (classes - 1) + " of " + spec.title()
                        + "; fix: use the label file of this data set");
            }
            oneHot[i * classes + ids[i]] = 1f;
        }
        int rows = images.dims()[1];
        int cols = images.dims()[2];
        long[] shape = flat ? new long[] {n, (long) rows * cols} : new long[] {n, CHANNELS, rows, cols};
        INDArray features = Nd4j.create(images.scaled(MAX_PIXEL), shape, DataType.FLOAT);
        DataSet data = new DataSet(features, Nd4j.create(oneHot, new long[] {n, classes}, DataType.FLOAT));
        data.setLabelNames(new ArrayList<>(spec.classNames()));
        return data;
    }
}
