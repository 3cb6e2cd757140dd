package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.tuning.StudyStorage;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** A study in a database, for the commands that only read one ({@code study report|leaderboard}). */
final class DatabaseStudyOptions {

    @Option(names = "--storage", paramLabel = "URL", required = true,
            description = "postgresql://host[:port]/database (user and password as for tune --storage).")
    String storage;

    @Option(names = "--study-name", paramLabel = "NAME", required = true, description = "The study's name.")
    String studyName;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "A file whose first line is the database password.")
    Path passwordFile;

    StudyStorage storage(CommandLine.Model.CommandSpec spec) {
        StudyStorage db = StudyStorage.jdbc(storage, studyName);
        return passwordFile == null ? db : db.withPasswordFile(passwordFile);
    }
}
