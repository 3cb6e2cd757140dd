package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code tune}: one subcommand per kind of data; {@code tune image} registers here. */
@Command(name = "tune", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(tabular)",
        description = "Search a recipe's preset space in a resumable study; write the leaderboard and an HTML report.",
        subcommands = {TuneTabularCommand.class})
final class TuneCommand extends Group {
}
