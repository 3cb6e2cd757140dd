package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads the real Fashion-MNIST from Debian's {@code dataset-fashion-mnist}; skipped when absent. */
class FashionMnistRealDataTest {

    private static final Path DEBIAN_DIR = IdxLoader.SYSTEM_DATA_ROOT.resolve(FashionMnist.NAME);

    @Test
    void loadsSeventyThousandImagesInTenBalancedClasses() {
        assumeTrue(Files.isDirectory(DEBIAN_DIR), "needs apt-get install dataset-fashion-mnist");
        IdxImages fm = FashionMnist.loader().withDir(DEBIAN_DIR).withDownload(false).load();
        assertArrayEquals(new long[] {60_000, 1, 28, 28}, fm.train().getFeatures().shape());
        assertArrayEquals(new long[] {10_000, 1, 28, 28}, fm.test().getFeatures().shape());
        assertEquals(70_000, fm.train().numExamples() + fm.test().numExamples());
        INDArray trainCounts = fm.train().getLabels().sum(0);
        INDArray testCounts = fm.test().getLabels().sum(0);
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, trainCounts.getInt(c), "train class " + c);
            assertEquals(1_000, testCounts.getInt(c), "test class " + c);
        }
        assertTrue(fm.train().getFeatures().minNumber().floatValue() >= 0f);
        assertEquals(1f, fm.train().getFeatures().maxNumber().floatValue(), 1e-6);
        assertEquals(10, fm.numClasses());
    }
}
