package io.github.dl4jrecipes.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a table holds it as primitive columns, not as text or a {@code String} per cell: a
 * generated 200,000 × 10 CSV (~20 MB: 8 numeric columns, one with missing values, one categorical, a
 * numeric target) is read, schema inferred and split-ready, in a child JVM with a 64 MB heap. Held
 * as a {@code String} per cell it would need ~130 MB for the cells alone (and the file's text
 * three times over while decoding), which is how the previous reader failed this test.
 */
class BigTableMemoryIT {

    private static final int ROWS = 200_000;
    private static final String HEAP = "-Xmx64m";

    @Test
    void aBigTableLoadsInASmallHeap(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("big.csv");
        write(file);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), Load.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        String result = out.lines().filter(l -> l.startsWith("rows ")).findFirst().orElse(out);
        assertEquals("rows " + ROWS + " numeric 8 categorical 1 missing 2000 REGRESSION", result);
    }

    /** Eight numeric columns (c0 missing in every 100th row), a 4-level categorical one, a numeric target. */
    private static void write(Path file) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("c0,c1,c2,c3,c4,c5,c6,c7,color,y\n");
            for (int r = 0; r < ROWS; r++) {
                StringBuilder row = new StringBuilder();
                for (int c = 0; c < 9; c++) {
                    row.append(c == 0 && r % 100 == 0 ? "NA" : String.format(Locale.ROOT, "%.5f",
                            random.nextGaussian() * 100)).append(c == 8 ? "" : ",");
                    if (c == 7) {
                        row.append(List.of("red", "green", "blue", "grey").get(random.nextInt(4))).append(',');
                    }
                }
                out.write(row.append('\n').toString());
            }
        }
    }

    /** The child: reads the file and prints what it found. */
    static final class Load {
        public static void main(String[] args) {
            TabularData data = TabularData.fromCsv(Path.of(args[0])).target("y").build();
            long numeric = data.schema().features().stream().filter(c -> c.kind() == ColumnKind.NUMERIC).count();
            int missing = data.schema().features().stream().mapToInt(ColumnSchema::missing).sum();
            data.fitAll();
            System.out.println("rows " + data.numRows() + " numeric " + numeric + " categorical "
                    + (data.schema().features().size() - numeric) + " missing " + missing + " "
                    + data.schema().targetKind());
        }
    }
}
