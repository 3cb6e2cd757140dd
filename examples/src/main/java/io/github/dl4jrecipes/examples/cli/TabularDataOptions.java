package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TableSetting;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which table to train on: a CSV file and its target, or the bundled penguins table; and the
 * command-line name of each reading setting an error may mention ({@link #option}).
 */
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

    @Option(names = "--numeric", split = ",", paramLabel = "COLUMN",
            description = "Columns to read as numbers whatever they hold (another value is then an error).")
    List<String> numeric = new ArrayList<>();

    @CommandLine.Mixin
    CsvFormatOptions format = new CsvFormatOptions();

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
            builder = TabularData.fromCsv(csv).target(target).delimiter(format.format().delimiter())
                    .encoding(format.format().encoding());
        }
        return builder.categorical(categorical.toArray(String[]::new)).numeric(numeric.toArray(String[]::new))
                .ignore(ignore.toArray(String[]::new)).dropRowsWithoutTarget().build();
    }

    /** The option that sets a setting an error mentions, as a user types it: {@code --categorical zip}. */
    static String option(TableSetting.Mention mention) {
        String argument = mention.argument();
        return switch (mention.setting()) {
            case TARGET -> "--target " + (argument == null ? "<column>" : argument);
            case NUMERIC -> "--numeric " + (argument == null ? "<column>" : argument);
            case CATEGORICAL -> "--categorical " + (argument == null ? "<column>" : argument);
            case IGNORE -> "--ignore " + (argument == null ? "<column>" : argument);
            case DELIMITER -> "--delimiter " + (argument == null ? "<char>" : argument);
            case ENCODING -> "--encoding " + (argument == null ? "<charset>" : argument);
            case TARGET_KIND -> "--classifier";
        };
    }
}
