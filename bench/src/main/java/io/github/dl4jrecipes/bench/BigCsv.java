package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.TabularData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The big table of the bench's big-CSV section and the child JVM that loads it: {@code rows} ×
 * {@value #COLUMNS} numeric columns {@code c0 … c9} of Gaussian values (σ 100) written with five
 * decimals, ~97 bytes a row (500,000 rows: ~48 MB, the size the performance issue measured); the
 * target is {@value #TARGET} (a regression). The child reads it with {@link TabularData} a few
 * times in one JVM and prints each read's wall time, so the harness gets the cold read, the warm
 * ones and (around the child) the peak RSS of loading alone.
 */
final class BigCsv {

    /** Columns of the table. */
    static final int COLUMNS = 10;
    /** The target column. */
    static final String TARGET = "c" + (COLUMNS - 1);
    /** Prefix of the child's line that lists its read times. */
    static final String TIMES = "read-seconds";
    /** Standard deviation of the values: five-decimal values of 8 to 10 characters. */
    private static final double SCALE = 100;

    private BigCsv() {
    }

    /** Writes the table with {@code rows} rows, values from {@code seed}. */
    static void write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < COLUMNS; c++) {
                line.append(c == 0 ? "" : ",").append('c').append(c);
            }
            out.write(line.append('\n').toString());
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < COLUMNS; c++) {
                    line.append(c == 0 ? "" : ",")
                            .append(String.format(Locale.ROOT, "%.5f", random.nextGaussian() * SCALE));
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    /** The child: {@code FILE REPEATS}; reads the table REPEATS times and prints {@value #TIMES} and each time. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int repeats = Integer.parseInt(args[1]);
        StringBuilder times = new StringBuilder(TIMES);
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            TabularData data = TabularData.fromCsv(file).target(TARGET).build();
            double seconds = (System.nanoTime() - start) / 1e9;
            times.append(' ').append(String.format(Locale.ROOT, "%.3f", seconds));
            if (data.numRows() == 0) {
                throw new IllegalStateException("no rows read");
            }
        }
        System.out.println(times);
    }
}
