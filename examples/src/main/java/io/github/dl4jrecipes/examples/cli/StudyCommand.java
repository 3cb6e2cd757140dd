package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine.Command;

/** {@code study}: look at a study that lives in a database, from any machine. */
@Command(name = "study", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(report | leaderboard)",
        description = "Read a study that tune --storage workers share: its leaderboard, or the HTML report.",
        subcommands = {StudyReportCommand.class, StudyLeaderboardCommand.class})
final class StudyCommand extends Group {
}
