package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.datavec.image.transform.FlipImageTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class ImageFoldersTest {

    private static final int SIDE = 8;

    @TempDir
    Path tmp;

    /**
     * Writes a PNG whose left half is {@code left} and right half black; the red channel of the
     * left half encodes the image number so tests can tell images apart.
     */
    private static void png(Path file, Color left) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE / 2; x++) {
                image.setRGB(x, y, left.getRGB());
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Classes "cat" (3 white images) and "dog" (2 grey images) under tmp/pets. */
    private Path pets() throws IOException {
        Path root = tmp.resolve("pets");
        for (int i = 0; i < 3; i++) {
            png(root.resolve("cat/c" + i + ".png"), new Color(255, 255, 255));
        }
        for (int i = 0; i < 2; i++) {
            png(root.resolve("dog/d" + i + ".png"), new Color(102, 102, 102));
        }
        return root;
    }

    @Test
    void readsClassFoldersResizedScaledAndLabelled() throws IOException {
        ImageFolderData data = ImageFolders.from(pets()).withSize(4, 6).withChannels(3).load();
        assertEquals(List.of("cat", "dog"), data.classes());
        assertEquals(5, data.size());
        assertTrue(data.skipped().isEmpty());
        DataSet all = data.toDataSet();
        assertArrayEquals(new long[] {5, 3, 4, 6}, all.getFeatures().shape());
        assertArrayEquals(new long[] {5, 2}, all.getLabels().shape());
        assertTrue(all.getFeatures().minNumber().doubleValue() >= 0 && all.getFeatures().maxNumber().doubleValue() <= 1);
        for (int i = 0; i < 5; i++) {
            boolean cat = all.getLabels().getFloat(i, 0) == 1f;
            float leftPixel = all.getFeatures().getFloat(i, 0, 1, 0);
            assertEquals(cat ? 1f : 0.4f, leftPixel, 0.01, "label follows the folder, pixels scaled to [0, 1]");
            assertEquals(0f, all.getFeatures().getFloat(i, 0, 1, 5), 0.01, "right half is black");
        }
        assertEquals(List.of("cat", "dog"), all.getLabelNamesList());
    }

    @Test
    void greyChannelAndPixelRange() throws IOException {
        DataSet all = ImageFolders.from(pets()).withSize(SIDE, SIDE).withChannels(1).withPixelRange(-1, 1).load()
                .toDataSet();
        assertArrayEquals(new long[] {5, 1, SIDE, SIDE}, all.getFeatures().shape());
        assertEquals(-1.0, all.getFeatures().minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, all.getFeatures().maxNumber().doubleValue(), 1e-6);
    }

    @Test
    void transformRunsAsImagesLoad() throws IOException {
        Path root = pets();
        DataSet plain = ImageFolders.from(root).withSize(SIDE, SIDE).load().toDataSet();
        DataSet flipped = ImageFolders.from(root).withSize(SIDE, SIDE).withTransform(new FlipImageTransform(1)).load()
                .toDataSet();
        INDArray a = plain.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0));
        INDArray b = flipped.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0));
        assertEquals(1f, a.getFloat(0, 0, 0), 0.01);
        assertEquals(0f, b.getFloat(0, 0, 0), 0.01, "horizontal flip moves the white half right");
        assertEquals(1f, b.getFloat(0, 0, SIDE - 1), 0.01);
    }

    @Test
    void shuffledIteratorReordersEveryEpochAndKeepsLabels() throws IOException {
        Path root = tmp.resolve("many");
        for (int i = 0; i < 12; i++) {
            png(root.resolve((i % 2 == 0 ? "a" : "b") + "/img" + i + ".png"), new Color(i * 20, 0, 0));
        }
        ImageFolderData data = ImageFolders.from(root).withSize(SIDE, SIDE).load();
        DataSetIterator it = data.iterator(5, 42);
        List<Float> first = redsOfEpoch(it);
        it.reset();
        List<Float> second = redsOfEpoch(it);
        assertEquals(12, first.size());
        assertEquals(new HashSet<>(first), new HashSet<>(second));
        assertNotEquals(first, second, "a new order each epoch");
        assertEquals(first, redsOfEpoch(data.iterator(5, 42)), "same seed, same order");
    }

    @Test
    void iteratorStateRestoredOnAFreshIteratorGivesTheSameNextEpoch() throws IOException {
        Path root = tmp.resolve("resume");
        for (int i = 0; i < 12; i++) {
            png(root.resolve((i % 2 == 0 ? "a" : "b") + "/img" + i + ".png"), new Color(i * 20, 0, 0));
        }
        ImageFolderData data = ImageFolders.from(root).withSize(SIDE, SIDE).load();
        DataSetIterator interrupted = data.iterator(5, 42);
        for (int epoch = 0; epoch < 3; epoch++) {
            redsOfEpoch(interrupted);
            interrupted.reset();
        }
        java.util.Map<String, Long> saved = ((ResumableIterator) interrupted).state();
        interrupted.reset();
        List<Float> expected = redsOfEpoch(interrupted);

        DataSetIterator resumed = data.iterator(5, 42);
        resumed.reset();   // a fresh process resets for its own reasons before it resumes
        ((ResumableIterator) resumed).restore(saved);
        resumed.reset();
        assertEquals(expected, redsOfEpoch(resumed));
        DataSetIterator fresh = data.iterator(5, 42);
        fresh.reset();
        assertNotEquals(expected, redsOfEpoch(fresh), "without the state the order differs");

        ImageFolderData fewer = data.split(0.5, 1).train();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ((ResumableIterator) fewer.iterator(5, 42)).restore(saved));
        assertTrue(e.getMessage().contains("12 examples but this image folder iterator yields 6"), e.getMessage());
    }

    @Test
    void restoringAnIteratorWithADataVecTransformWarnsThatItsDrawsAreNotRestored() throws IOException {
        ImageFolderData data = ImageFolders.from(pets()).withSize(SIDE, SIDE).withTransform(new FlipImageTransform(1))
                .load();
        ResumableIterator it = (ResumableIterator) data.iterator(2, 42);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(io.github.dl4jrecipes.core.data.internal.ImageFolderIterator.class);
        logger.addAppender(log);
        try {
            it.restore(it.state());
        } finally {
            logger.detachAppender(log);
        }
        assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                && e.getFormattedMessage().contains("DataVec transform")), "warned");
    }

    private static List<Float> redsOfEpoch(DataSetIterator it) {
        List<Float> reds = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            for (int r = 0; r < batch.numExamples(); r++) {
                float red = batch.getFeatures().getFloat(r, 2, 0, 0); // BGR: channel 2 is red
                int image = Math.round(red * 255 / 20);
                int expectedClass = image % 2 == 0 ? 0 : 1;
                assertEquals(1f, batch.getLabels().getFloat(r, expectedClass), "label of image " + image);
                reds.add(red);
            }
        }
        return reds;
    }

    @Test
    void splitIsStratified() throws IOException {
        Path root = tmp.resolve("ten");
        for (int i = 0; i < 10; i++) {
            png(root.resolve((i < 6 ? "a" : "b") + "/img" + i + ".png"), Color.WHITE);
        }
        ImageFolderSplit split = ImageFolders.from(root).withSize(SIDE, SIDE).load().split(0.5, 1);
        assertEquals(5, split.train().size());
        assertEquals(5, split.valid().size());
        assertEquals(3, java.util.Arrays.stream(split.valid().classIndices()).filter(c -> c == 0).count());
        Set<Path> all = new HashSet<>(split.train().images());
        all.addAll(split.valid().images());
        assertEquals(10, all.size());
        assertEquals(List.of("a", "b"), split.valid().classes());
    }

    /** A truncated PNG, a 0-byte JPG and text named .png, next to the pets' good images. */
    private static List<Path> badImages(Path root) throws IOException {
        byte[] png = Files.readAllBytes(root.resolve("cat/c0.png"));
        return List.of(Files.write(root.resolve("cat/truncated.png"), java.util.Arrays.copyOf(png, png.length / 2)),
                Files.write(root.resolve("dog/empty.jpg"), new byte[0]),
                Files.writeString(root.resolve("dog/notes.png"), "not an image"));
    }

    @Test
    void unreadableImagesFailTheLoadByDefaultNamingEveryFile() throws IOException {
        Path root = pets();
        List<Path> bad = badImages(root);
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> ImageFolders.from(root).withSize(SIDE, SIDE).load());
        assertTrue(e.getMessage().contains("3 image(s) cannot be read"), e.getMessage());
        for (Path file : bad) {
            assertTrue(e.getMessage().contains(file.toString()), file + " named: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("withUnreadable(UnreadableImages.SKIP)"), e.getMessage());
    }

    @Test
    void unreadableImagesAreSkippedWithACountWhenAsked() throws IOException {
        Path root = pets();
        List<Path> bad = badImages(root);
        Files.writeString(root.resolve("cat/notes.txt"), "not an image, not counted");
        ImageFolderData data = ImageFolders.from(root).withSize(SIDE, SIDE).withUnreadable(UnreadableImages.SKIP).load();
        assertEquals(5, data.size());
        assertEquals(new HashSet<>(bad), new HashSet<>(data.skipped()));
        assertEquals(5, data.toDataSet().numExamples());
    }

    @Test
    void folderWithNoImages() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("empty/cat"));
        Files.writeString(root.resolve("readme.txt"), "no images here");
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> ImageFolders.from(tmp.resolve("empty")).load());
        assertTrue(e.getMessage().contains("holds no readable images"), e.getMessage());
        assertTrue(e.getMessage().contains("<class>/<image>"), e.getMessage());
    }

    @Test
    void folderWithOneClassOnly() throws IOException {
        Path root = tmp.resolve("single");
        png(root.resolve("cat/a.png"), Color.WHITE);
        png(root.resolve("cat/b.png"), Color.WHITE);
        png(root.resolve("loose.png"), Color.WHITE);
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFolders.from(root).load());
        assertTrue(e.getMessage().contains("one class only ('cat')"), e.getMessage());
    }

    @Test
    void missingFolderAndBadSettings() {
        DataLoadException e = assertThrows(DataLoadException.class, () -> ImageFolders.from(tmp.resolve("nope")).load());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> ImageFolders.from(tmp).withChannels(2));
        assertTrue(c.getMessage().contains("channels"), c.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> ImageFolders.from(tmp).withSize(0, 4));
        assertTrue(s.getMessage().contains("size"), s.getMessage());
    }
}
