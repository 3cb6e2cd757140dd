package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code train}: one subcommand per kind of data; {@code train image} registers here. */
@Command(name = "train", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(tabular|image|sequence)",
        description = "Train a recipe and write the model, its card, history and curves into a folder.",
        subcommands = {TrainTabularCommand.class, TrainImageCommand.class, TrainSequenceCommand.class})
final class TrainCommand extends Group {
}
