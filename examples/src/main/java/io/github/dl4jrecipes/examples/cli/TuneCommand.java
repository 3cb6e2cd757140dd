package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code tune}: one subcommand per kind of data. */
@Command(name = "tune", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(tabular | image)",
        description = "Search a recipe's preset space in a resumable study; write the leaderboard and an HTML report.",
        subcommands = {TuneTabularCommand.class, TuneImageCommand.class})
final class TuneCommand extends Group {
}
