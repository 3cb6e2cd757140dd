package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code evaluate}: score a saved model on labelled data, one subcommand per kind of data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(tabular|image)",
        description = "Score a trained model on labelled data with its task's metric.",
        subcommands = {EvaluateTabularCommand.class, EvaluateImageCommand.class})
final class EvaluateCommand extends Group {
}
