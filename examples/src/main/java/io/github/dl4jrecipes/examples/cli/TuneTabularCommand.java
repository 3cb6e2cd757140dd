package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.tabular.TabularStudy;
import io.github.dl4jrecipes.examples.tabular.TabularTraining;
import io.github.dl4jrecipes.tuning.StudyStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tune tabular}: the tabular recipe's preset space on a CSV table (60/20/20 split). */
@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Tune the tabular recipe on a CSV table: a classifier for classes or integer class codes "
            + "(validation accuracy), else a regressor (validation RMSE in the target's units); the recipe as given is "
            + "the first trial; a resumable study folder with leaderboard.csv/json and report.html; prints the "
            + "leaderboard and the best recipe.",
            "Run it again with the same --study to resume after an interruption. With --storage URL --study-name NAME "
                + "the study lives in PostgreSQL: start the same command on any number of machines, each joins it.",
            "Example: dl4j-recipes tune tabular --strategy asha --trials 30 --max-epochs 27 --study out/study"})
final class TuneTabularCommand implements Callable<Integer> {

    @CommandLine.Mixin
    TabularDataOptions data = new TabularDataOptions();

    @CommandLine.Mixin
    StudyOptions study = new StudyOptions();

    @Option(names = "--strategy", converter = StrategyConverter.class, completionCandidates = StrategyNames.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: asha).")
    TabularStudy.Strategy strategy = TabularStudy.Strategy.ASHA;

    @Option(names = "--trials", description = "Most trials (default: ${DEFAULT-VALUE}).")
    int trials = 20;

    @Option(names = "--max-epochs", description = "Epochs of a fully trained trial (default: ${DEFAULT-VALUE}).")
    int maxEpochs = 27;

    @Option(names = "--seed", description = "Seed of the split, the recipe and the study (default: ${DEFAULT-VALUE}).")
    long seed = Fit.DEFAULT_SEED;

    @Option(names = "--enqueue", paramLabel = "NAME=VALUE[,NAME=VALUE...]",
            description = {"A candidate to train before the sampler's, after the recipe as given (repeatable), e.g. "
                + "--enqueue maxLr=0.01,activation=TANH; names are the leaderboard's columns, names left out are "
                + "drawn at random."})
    List<String> enqueue = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StudyStorage storage = study.storage(spec);
        new TabularStudy(strategy, trials, maxEpochs, seed, Enqueue.parse(spec, enqueue))
                .run(data.load(), storage, spec.commandLine().getOut());
        return Dl4jRecipes.OK;
    }

    /** The strategies' names as the command line takes them: {@link TabularStudy.Strategy}'s, in lower case. */
    static final class StrategyNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(TabularStudy.Strategy.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }

    /** Reads a strategy name in any case; an unknown one is a usage error. */
    static final class StrategyConverter implements CommandLine.ITypeConverter<TabularStudy.Strategy> {
        @Override
        public TabularStudy.Strategy convert(String value) {
            for (TabularStudy.Strategy s : TabularStudy.Strategy.values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new CommandLine.TypeConversionException("unknown strategy '" + value + "'; use one of "
                    + String.join(", ", new StrategyNames()));
        }
    }
}
