package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.tuning.StudyStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code study leaderboard}: a database study's ranking, printed. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = {"Print the leaderboard of a database study (finished trials, best first).",
            "Example: dl4j-recipes study leaderboard --storage postgresql://db/studies --study-name penguins"})
final class StudyLeaderboardCommand implements Callable<Integer> {

    @CommandLine.Mixin
    DatabaseStudyOptions study = new DatabaseStudyOptions();

    @Option(names = "--top", description = "Rows (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StudyStorage storage = study.storage(spec);
        PrintWriter out = spec.commandLine().getOut();
        out.println(storage.leaderboard().toText(top));
        out.flush();
        return Dl4jRecipes.OK;
    }
}
