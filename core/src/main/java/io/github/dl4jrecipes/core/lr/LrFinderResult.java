package io.github.dl4jrecipes.core.lr;

import io.github.dl4jrecipes.core.schedule.OneCycle;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an LR range test measured and what it suggests.
 *
 * <pre>{@code
 * LrFinderResult r = LrFinder.defaults().run(net, trainIterator);
 * r.writeCsv(Path.of("lr.csv"));
 * r.plot(Path.of("lr.png"));                          // suggestion marked
 * OneCycle schedule = r.toOneCycle();                  // OneCycle.maxLr(r.suggestion())
 * }</pre>
 *
 * @param points     every step of the sweep, in order
 * @param valley     the {@link Suggestion#VALLEY} LR
 * @param steep      the {@link Suggestion#STEEP} LR
 * @param minimumDiv10 the {@link Suggestion#MINIMUM_DIV_10} LR
 * @param chosen     which of the three {@link #suggestion()} returns
 * @param diverged   whether the sweep stopped early because the loss exploded
 */
public record LrFinderResult(List<LrPoint> points, double valley, double steep, double minimumDiv10,
                             Suggestion chosen, boolean diverged) {

    /** Copies the points and checks there are some. */
    public LrFinderResult {
        points = List.copyOf(points);
        Objects.requireNonNull(chosen, "chosen");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points is empty; an LR range test records at least one step");
        }
    }

    /** @return the LR of the chosen suggestion */
    public double suggestion() {
        return suggestion(chosen);
    }

    /** @return the LR of any suggestion */
    public double suggestion(Suggestion which) {
        return switch (which) {
            case VALLEY -> valley;
            case STEEP -> steep;
            case MINIMUM_DIV_10 -> minimumDiv10;
        };
    }

    /** @return a 1cycle policy peaking at {@link #suggestion()}, fastai's defaults otherwise */
    public OneCycle toOneCycle() {
        return OneCycle.maxLr(suggestion());
    }

    /**
     * Writes {@code iteration,learning_rate,loss,smoothed_loss} rows, atomically (temp file + rename).
     *
     * @param file the CSV file
     * @throws IOException when it cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("iteration,learning_rate,loss,smoothed_loss\n");
        for (LrPoint p : points) {
            csv.append(String.format(Locale.ROOT, "%d,%.9g,%.9g,%.9g%n", p.iteration(), p.learningRate(), p.loss(),
                    p.smoothedLoss()));
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * Writes a PNG of smoothed loss against LR (log scale) with the chosen suggestion marked,
     * atomically.
     *
     * @param file the PNG file
     * @throws IOException when it cannot be written
     */
    public void plot(Path file) throws IOException {
        byte[] png = LrFinderChart.png(this);
        AtomicFiles.write(file, temp -> Files.write(temp, png));
    }
}
