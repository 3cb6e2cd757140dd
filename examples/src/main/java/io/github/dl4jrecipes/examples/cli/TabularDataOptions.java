package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.TabularData;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which table to train on: a CSV file and its target, or the bundled penguins table. */
final class TabularDataOptions {

    @Option(names = "--csv", paramLabel = "FILE",
            description = "CSV file with a header row (default: the bundled Palmer penguins table).")
    Path csv;

    @Option(names = "--target", paramLabel = "COLUMN",
            description = "Column to predict (required with --csv; default for penguins: species).")
    String target;

    @Option(names = "--categorical", split = ",", paramLabel = "COLUMN",
            description = "Columns to read as categories even if they hold numbers.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "COLUMN", description = "Columns to leave out (e.g. ids).")
    List<String> ignore = new ArrayList<>();

    /** Reads the table. */
    TabularData load() {
        TabularData.Builder builder;
        if (csv == null) {
            builder = TabularData.penguinsCsv().target(target == null ? TabularData.PENGUINS_TARGET : target);
        } else {
            if (target == null) {
                throw new IllegalArgumentException("--target is missing: with --csv " + csv + " name the column to "
                        + "predict; fix: add --target <column>");
            }
            builder = TabularData.fromCsv(csv).target(target);
        }
        return builder.categorical(categorical.toArray(String[]::new)).ignore(ignore.toArray(String[]::new))
                .dropRowsWithoutTarget().build();
    }
}
