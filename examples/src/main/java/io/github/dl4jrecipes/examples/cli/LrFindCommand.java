package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code lr-find}: the learning-rate range test, one subcommand per kind of data. */
@Command(name = "lr-find", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(tabular|image)",
        description = "Run the learning-rate range test on a recipe's network and suggest a peak learning rate.",
        subcommands = {LrFindTabularCommand.class, LrFindImageCommand.class})
final class LrFindCommand extends Group {
}
