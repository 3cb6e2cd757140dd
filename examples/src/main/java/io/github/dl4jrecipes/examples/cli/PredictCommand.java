package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code predict}: predictions from a saved model; {@code predict image} registers here. */
@Command(name = "predict", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(tabular|image|sequence)",
        description = "Predict with a trained model.",
        subcommands = {PredictTabularCommand.class, PredictImageCommand.class, PredictSequenceCommand.class})
final class PredictCommand extends Group {
}
