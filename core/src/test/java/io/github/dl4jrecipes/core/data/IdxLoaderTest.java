package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.dl4jrecipes.core.data.internal.Download;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class IdxLoaderTest {

    @TempDir
    Path tmp;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A loader isolated from the machine: no env var, home and system root under tmp. */
    private IdxLoader isolated() {
        return FashionMnist.loader().withEnvironment(name -> null).withUserHome(tmp.resolve("home"))
                .withSystemRoot(tmp.resolve("system"));
    }

    @Test
    void readsGzipAndPlainFilesScaledWithOneHotLabels() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path dir = IdxTestFiles.writeSet(tmp.resolve("set-" + gzip), gzip);
            IdxImages set = isolated().withDir(dir).withDownload(false).load();
            DataSet train = set.train();
            assertArrayEquals(new long[] {5, 1, 4, 4}, train.getFeatures().shape());
            assertEquals(30f / 255f, train.getFeatures().getFloat(3, 0, 2, 1), 1e-6);
            assertArrayEquals(new long[] {5, 10}, train.getLabels().shape());
            assertEquals(1f, train.getLabels().getFloat(4, 9));
            assertEquals(1f, train.getLabels().sumNumber().floatValue() / 5);
            assertEquals(3, set.test().numExamples());
            assertEquals(1f, set.test().getLabels().getFloat(0, 7));
            assertEquals("Ankle boot", set.classNames().get(9));
            assertEquals(FashionMnist.CLASS_NAMES, train.getLabelNamesList());
            assertEquals(dir, set.source());
        }
    }

    @Test
    void flatFeaturesOnRequest() throws IOException {
        Path dir = IdxTestFiles.writeSet(tmp.resolve("flat"), true);
        IdxImages set = isolated().withDir(dir).withFlatFeatures(true).withDownload(false).load();
        assertArrayEquals(new long[] {5, 16}, set.train().getFeatures().shape());
        assertEquals(40f / 255f, set.train().getFeatures().getFloat(4, 15), 1e-6);
    }

    @Test
    void searchesExplicitDirThenEnvThenHomeThenSystem() throws IOException {
        Path explicit = tmp.resolve("explicit");
        Path envRoot = tmp.resolve("env");
        Path home = tmp.resolve("home");
        Path system = tmp.resolve("system");
        IdxLoader loader = FashionMnist.loader().withDir(explicit).withEnvironment(
                name -> IdxLoader.DATA_ENV.equals(name) ? envRoot.toString() : null)
                .withUserHome(home).withSystemRoot(system).withDownload(false);
        assertEquals(List.of(explicit, envRoot.resolve("fashion-mnist"), home.resolve(".dl4j-recipes/data/fashion-mnist"),
                system.resolve("fashion-mnist")), loader.searchPath());
        assertEquals(envRoot.resolve("fashion-mnist"), loader.cacheDir());

        IdxTestFiles.writeSet(system.resolve("fashion-mnist"), true);
        assertEquals(system.resolve("fashion-mnist"), loader.load().source());
        IdxTestFiles.writeSet(home.resolve(".dl4j-recipes/data/fashion-mnist"), false);
        assertEquals(home.resolve(".dl4j-recipes/data/fashion-mnist"), loader.load().source());
        IdxTestFiles.writeSet(envRoot.resolve("fashion-mnist"), true);
        assertEquals(envRoot.resolve("fashion-mnist"), loader.load().source());
        IdxTestFiles.writeSet(explicit, true);
        assertEquals(explicit, loader.load().source());
    }

    @Test
    void aFolderMissingOneFileIsSkipped() throws IOException {
        Path partial = IdxTestFiles.writeSet(tmp.resolve("partial"), true);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        Path system = IdxTestFiles.writeSet(tmp.resolve("system/fashion-mnist"), true);
        assertEquals(system, isolated().withDir(partial).withDownload(false).load().source());
    }

    @Test
    void missingSetWithoutDownloadNamesEveryPlaceAndTheFix() {
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> isolated().withDir(tmp.resolve("nowhere")).withDownload(false).load());
        String message = e.getMessage();
        assertTrue(message.contains(tmp.resolve("nowhere").toString()), message);
        assertTrue(message.contains(tmp.resolve("home/.dl4j-recipes/data/fashion-mnist").toString()), message);
        assertTrue(message.contains(tmp.resolve("system/fashion-mnist").toString()), message);
        assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
        assertTrue(message.contains(IdxLoader.DATA_ENV), message);
    }

    /** Serves {@code files} (name → bytes) on loopback; counts requests. */
    private URI serve(Map<String, byte[]> files, AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/data/".length());
            byte[] body = files.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    /** The four gzip files of a tiny set, and a spec whose checksums are theirs. */
    private Map<String, byte[]> tinyGzipSet() throws IOException {
        Path dir = IdxTestFiles.writeSet(tmp.resolve("origin"), true);
        Map<String, byte[]> files = new HashMap<>();
        for (String file : IdxSpec.FILES) {
            files.put(file + ".gz", Files.readAllBytes(dir.resolve(file + ".gz")));
        }
        return files;
    }

    private IdxSpec specFor(Map<String, byte[]> files) throws IOException {
        Map<String, String> sums = new HashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path written = Files.write(tmp.resolve("sum-" + file.getKey()), file.getValue());
            sums.put(file.getKey(), io.github.dl4jrecipes.core.train.internal.Sha256.of(written));
        }
        return FashionMnist.SPEC.withSha256(sums);
    }

    @Test
    void downloadsVerifiedFilesIntoTheCacheAndReusesThem() throws IOException {
        Map<String, byte[]> files = tinyGzipSet();
        AtomicInteger requests = new AtomicInteger();
        URI url = serve(files, requests);
        IdxLoader loader = isolated().withSpec(specFor(files)).withBaseUrl(url);
        IdxImages set = loader.load();
        Path cache = tmp.resolve("home/.dl4j-recipes/data/fashion-mnist");
        assertEquals(cache, loader.cacheDir());
        assertEquals(cache, set.source());
        assertEquals(5, set.train().numExamples());
        assertEquals(4, requests.get());
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(4, left.count(), "only the four verified files, no temporary files");
        }
        loader.load();
        assertEquals(4, requests.get(), "second load reads the cache");
    }

    @Test
    void checksumMismatchDiscardsTheDownload() throws IOException {
        Map<String, byte[]> files = tinyGzipSet();
        IdxSpec spec = specFor(files);
        files.put("train-images-idx3-ubyte.gz", IdxTestFiles.gzip(IdxTestFiles.images(6)));
        URI url = serve(files, new AtomicInteger());
        IdxLoader loader = isolated().withSpec(spec).withBaseUrl(url);
        DataLoadException e = assertThrows(DataLoadException.class, loader::load);
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains(url + "train-images-idx3-ubyte.gz"), e.getMessage());
        try (Stream<Path> left = Files.list(loader.cacheDir())) {
            assertEquals(0, left.count(), "nothing half-downloaded is left behind");
        }
    }

    @Test
    void failedDownloadSaysWhereItLookedAndWhy() throws IOException {
        URI url = serve(Map.of(), new AtomicInteger());
        DataLoadException e = assertThrows(DataLoadException.class, () -> isolated().withBaseUrl(url).load());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("Searched:"), e.getMessage());
    }

    @Test
    void noNetworkGivesOneMessageWithThePlacesAndTheFix() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/data/");
        IdxLoader loader = isolated().withBaseUrl(unreachable);
        DataLoadException e = assertThrows(DataLoadException.class, loader::load);
        String message = e.getMessage();
        assertTrue(message.startsWith("Fashion-MNIST was not found"), message);
        assertTrue(message.contains("ConnectException"), message);
        assertTrue(message.contains(tmp.resolve("system/fashion-mnist").toString()), message);
        assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
        assertTrue(Files.notExists(loader.cacheDir().resolve("train-images-idx3-ubyte.gz")));
    }

    @Test
    void baseUrlMustBeAFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> isolated().withBaseUrl(URI.create("http://127.0.0.1/file.gz")));
        assertTrue(e.getMessage().contains("baseUrl"), e.getMessage());
    }

    private DataLoadException loadBroken(String name, byte[] plain) throws IOException {
        Path dir = IdxTestFiles.writeSet(tmp.resolve("broken"), false);
        IdxTestFiles.write(dir, name, plain, false);
        return assertThrows(DataLoadException.class, () -> isolated().withDir(dir).withDownload(false).load());
    }

    @Test
    void truncatedImageFileIsRejectedWithItsName() throws IOException {
        byte[] full = IdxTestFiles.images(5);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 7);
        String message = loadBroken(IdxSpec.TRAIN_IMAGES, cut).getMessage();
        assertTrue(message.contains("train-images-idx3-ubyte") && message.contains("truncated"), message);
        assertTrue(message.contains("needs 80 data bytes, found 73"), message);
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        String message = loadBroken(IdxSpec.TEST_IMAGES, new byte[0]).getMessage();
        assertTrue(message.contains("t10k-images-idx3-ubyte is truncated: 0 bytes"), message);
    }

    @Test
    void truncatedGzipIsRejected() throws IOException {
        Path dir = IdxTestFiles.writeSet(tmp.resolve("gz"), true);
        byte[] gz = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> isolated().withDir(dir).withDownload(false).load());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains("cannot be read"),
                e.getMessage());
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        String message = loadBroken(IdxSpec.TRAIN_LABELS, IdxTestFiles.images(5)).getMessage();
        assertTrue(message.contains("train-labels-idx1-ubyte") && message.contains("wrong magic number 0x00000803"),
                message);
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        String message = loadBroken(IdxSpec.TEST_LABELS, IdxTestFiles.labels(1, 2)).getMessage();
        assertTrue(message.contains("holds 2 labels") && message.contains("holds 3 images"), message);
    }

    @Test
    void labelOutsideTheClassRangeIsRejectedWithItsIndex() throws IOException {
        String message = loadBroken(IdxSpec.TRAIN_LABELS, IdxTestFiles.labels(0, 1, 12, 3, 4)).getMessage();
        assertTrue(message.contains("label 12 at index 2") && message.contains("0..9"), message);
    }
}
