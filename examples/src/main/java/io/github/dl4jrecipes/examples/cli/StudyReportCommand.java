package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.tuning.Leaderboard;
import io.github.dl4jrecipes.tuning.StudyStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code study report}: the leaderboard files and the HTML report of a database study, written locally. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write leaderboard.csv/json and report.html of a database study into --output, from the "
            + "database alone (no data or space needed), and print the leaderboard.",
            "Example: dl4j-recipes study report --storage postgresql://db/studies --study-name penguins --output out/r"})
final class StudyReportCommand implements Callable<Integer> {

    @CommandLine.Mixin
    DatabaseStudyOptions study = new DatabaseStudyOptions();

    @Option(names = "--output", paramLabel = "DIR", required = true, description = "Folder for the report files.")
    Path output;

    @Option(names = "--top", description = "Rows of the printed leaderboard (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.folder("--output", output);
        StudyStorage storage = study.storage(spec);
        Files.createDirectories(output);
        Leaderboard board = storage.writeReports(output);
        PrintWriter out = spec.commandLine().getOut();
        out.println(board.toText(top));
        out.println("leaderboard: " + output.resolve("leaderboard.csv") + ", report: " + output.resolve("report.html"));
        out.flush();
        return Dl4jRecipes.OK;
    }
}
