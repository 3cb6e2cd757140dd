package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.DataLoadException;
import io.github.dl4jrecipes.core.hardware.Backend;
import io.github.dl4jrecipes.core.train.TrainingDivergedException;
import io.github.dl4jrecipes.core.train.internal.NoJavaDeserialization;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code dl4j-recipes} command line: train, find a learning rate, evaluate and predict with
 * the recipes, and print the hardware report. Each task is a group whose subcommands name the
 * kind of data ({@code train tabular}, {@code predict tabular}); image subcommands register in the
 * same groups.
 *
 * <p>Exit codes: {@value #OK} success, {@value #BAD_INPUT} bad input (a missing file, a CSV that
 * does not fit the model, an invalid value), {@value #USAGE} a usage error (unknown option,
 * missing argument), {@value #TRAINING_FAILED} training diverged, {@value #INTERNAL} an
 * unexpected error. Errors print one message without a stack trace unless {@code --debug}.
 */
@Command(name = "dl4j-recipes", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Deeplearning4j recipes: train, tune the learning rate, evaluate, predict and tune.",
        subcommands = {TrainCommand.class, LrFindCommand.class, EvaluateCommand.class, PredictCommand.class,
            TuneCommand.class, StudyCommand.class, HardwareCommand.class, CommandLine.HelpCommand.class})
public final class Dl4jRecipes {

    /** Success. */
    public static final int OK = 0;
    /** Bad input: files, columns, values. */
    public static final int BAD_INPUT = 1;
    /** Usage error (picocli's default code for it). */
    public static final int USAGE = 2;
    /** Training diverged (NaN or infinite loss). */
    public static final int TRAINING_FAILED = 3;
    /** Anything unexpected: a bug, please report it with {@code --debug} output. */
    public static final int INTERNAL = 4;

    /** Shows stack traces; inherited by every subcommand. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean debug;

    private Dl4jRecipes() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        NoJavaDeserialization.install();   // before anything opens a Java object stream
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with these streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The command tree, with the error handling; subcommands are added here. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Dl4jRecipes());
        cli.setExecutionExceptionHandler((e, line, parseResult) -> {
            boolean debugging = parseResult.originalArgs().contains("--debug");
            PrintWriter err = line.getErr();
            err.println("error: " + message(e, line));
            if (debugging) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --debug for the stack trace)");
            }
            err.flush();
            return exitCode(e);
        });
        cli.setExecutionStrategy(Dl4jRecipes::execute);
        return cli;
    }

    /**
     * Runs the chosen subcommand after the backend set-up ({@link Backend#setUp()}, once), so that
     * a restored network gets the same layer helpers as a trained one; help and version requests
     * skip it (they never load ND4J).
     */
    private static int execute(CommandLine.ParseResult parsed) {
        boolean help = parsed.asCommandLineList().stream()
                .anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
        if (!help) {
            Backend.setUp();
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * The error's message; reading settings it mentions are named as options (an option of
     * another command as that command: {@code 'dl4j-recipes train tabular --categorical zip'}).
     */
    private static String message(Throwable e, CommandLine line) {
        Throwable shown = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String text = shown instanceof DataLoadException data ? data.message(m -> {
            String option = TabularDataOptions.option(m);
            return line.getCommandSpec().findOption(option.split(" ")[0]) != null ? option
                    : "'dl4j-recipes train tabular " + option + "'";
        }) : shown.getMessage();
        return text == null || text.isBlank() ? shown.getClass().getSimpleName() : text;
    }

    static int exitCode(Throwable e) {
        if (e instanceof TrainingDivergedException) {
            return TRAINING_FAILED;
        }
        if (e instanceof IllegalArgumentException || e instanceof DataLoadException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof IllegalStateException) {
            return BAD_INPUT;
        }
        return INTERNAL;
    }
}
