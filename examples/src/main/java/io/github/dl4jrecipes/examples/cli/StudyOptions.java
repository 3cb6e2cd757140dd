package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.tuning.StudyStorage;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where a study lives, on the command line: {@code --study DIR} (one machine), or {@code --storage
 * URL --study-name NAME} (a PostgreSQL database that workers on many machines share). Credentials
 * never come from the command line: {@code DL4J_RECIPES_DB_USER}/{@code DL4J_RECIPES_DB_PASSWORD},
 * {@code PGUSER}/{@code PGPASSWORD}, the URL's user, or {@code --db-password-file}.
 */
final class StudyOptions {

    @Option(names = "--study", paramLabel = "DIR",
            description = "Study folder (workers on this machine): created, or resumed when it exists.")
    Path study;

    @Option(names = "--storage", paramLabel = "URL",
            description = {"A study in PostgreSQL that workers on any number of machines share: "
                + "postgresql://host[:port]/database (user and password from DL4J_RECIPES_DB_USER / "
                + "DL4J_RECIPES_DB_PASSWORD, PGUSER / PGPASSWORD, or --db-password-file; never in the URL)."})
    String storage;

    @Option(names = "--study-name", paramLabel = "NAME", description = "The study's name in --storage.")
    String studyName;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "A file whose first line is the database password (with --storage).")
    Path passwordFile;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "This worker's local folder for the leaderboard and report (with --storage; default "
                + "study-NAME).")
    Path workDir;

    /** The storage the options name; a missing or contradictory combination is a usage error naming the options. */
    StudyStorage storage(CommandLine.Model.CommandSpec spec) {
        if ((study == null) == (storage == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), study == null
                    ? "give --study DIR (a folder) or --storage URL --study-name NAME (a database)"
                    : "give --study or --storage, not both");
        }
        if (study != null) {
            if (studyName != null || passwordFile != null || workDir != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--study-name, --db-password-file and --work-dir go with --storage, not with --study");
            }
            OutputPaths.folder("--study", study);
            return StudyStorage.directory(study);
        }
        if (studyName == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--storage needs --study-name NAME "
                    + "(every worker of one study uses the same name)");
        }
        StudyStorage db = StudyStorage.jdbc(storage, studyName);
        if (workDir != null) {
            OutputPaths.folder("--work-dir", workDir);
            db = db.withWorkDir(workDir);
        }
        return passwordFile == null ? db : db.withPasswordFile(passwordFile);
    }
}
