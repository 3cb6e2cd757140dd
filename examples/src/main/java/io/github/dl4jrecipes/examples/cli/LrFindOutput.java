package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.lr.LrFinderResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What every {@code lr-find} subcommand writes and prints: the sweep's CSV and plot, and the suggestions. */
final class LrFindOutput {

    /** The sweep's points. */
    static final String CSV = "lr-finder.csv";
    /** The sweep's plot. */
    static final String PNG = "lr-finder.png";

    private LrFindOutput() {
    }

    static void write(LrFinderResult result, Path output, PrintWriter out) throws IOException {
        Files.createDirectories(output);
        result.writeCsv(output.resolve(CSV));
        result.plot(output.resolve(PNG));
        out.printf(Locale.ROOT, "suggested peak LR %.3g (%s); valley %.3g, steep %.3g, minimum/10 %.3g%s%n",
                result.suggestion(), result.chosen(), result.valley(), result.steep(), result.minimumDiv10(),
                result.diverged() ? "" : " (the loss did not diverge within the sweep)");
        out.println("wrote " + output.resolve(CSV) + " and " + output.resolve(PNG));
        out.flush();
    }
}
