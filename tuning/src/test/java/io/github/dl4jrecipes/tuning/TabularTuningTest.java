package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.lint.LintReport;
import io.github.dl4jrecipes.core.optim.OptimizerKind;
import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.recipes.Source;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.github.dl4jrecipes.tuning.internal.Seeds;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tabular preset space on the bundled penguins table: candidates, narrowing, a tiny study, the best recipe. */
class TabularTuningTest {

    private static final int CANDIDATES = 1000;

    private static TabularData data;
    private static TabularSplit split;
    private static TabularRecipe recipe;

    @TempDir
    Path tmp;

    @BeforeAll
    static void penguins() {
        data = TabularData.penguins();
        split = data.split(0.8, 42);
        recipe = TabularRecipe.classifier(data.schema()).withTrainRows(split.train().numExamples())
                .withProgress(Progress.LOG);
    }

    @Test
    void everyCandidateIsARecipeThatPassesTheLinterAndKeepsTheInitActivationPairing() {
        TabularSpace space = SearchSpaces.tabular(recipe);
        UnitSpace<TabularRecipe> unit = UnitSpace.of(space);   // numbers the leaves as a study does
        Set<Activation> activations = EnumSet.noneOf(Activation.class);
        Set<Integer> depths = new HashSet<>();
        for (int n = 0; n < CANDIDATES; n++) {
            Random rng = Seeds.forTrial(1, n + 1);
            TabularRecipe candidate = unit.value(Samplers.random().propose(unit.dimensions(), List.of(), n + 1, rng));
            MultiLayerConfiguration conf = candidate.toConfiguration().multiLayer();
            LintReport lint = ConfigLinter.lint(conf, candidate.task());
            assertTrue(lint.isClean(), "candidate " + n + " fails the linter: " + lint);
            Activation hidden = candidate.activation();
            assertEquals(hidden.name(), candidate.card().value("activation"));
            activations.add(hidden);
            int dense = 0;
            for (NeuralNetConfiguration layerConf : conf.getConfs()) {
                if (layerConf.getLayer() instanceof DenseLayer layer && !(layerConf.getLayer() instanceof OutputLayer)) {
                    dense++;
                    WeightInit init = initOf(layer);
                    assertTrue(WeightInits.isPaired(hidden, init), "candidate " + n + ": " + hidden + " layer with "
                            + init);
                    assertEquals(WeightInits.forActivation(hidden).getWeightInitFunction().getClass(),
                            layer.getWeightInitFn().getClass(), "candidate " + n + ": the init derived from " + hidden);
                }
            }
            depths.add(dense);
            double lr = Double.parseDouble(candidate.card().value("maxLr"));
            assertTrue(lr >= TabularRecipe.DEFAULT_MAX_LR / SearchSpaces.LR_SPAN * (1 - 1e-9)
                    && lr <= TabularRecipe.DEFAULT_MAX_LR * SearchSpaces.LR_SPAN * (1 + 1e-9), "maxLr " + lr);
        }
        assertEquals(EnumSet.copyOf(TabularRecipe.ACTIVATIONS), activations, "the whole ladder is searched");
        assertEquals(TabularRecipe.ACTIVATIONS, TabularSpace.ACTIVATIONS, "the space searches what the recipe builds");
        assertEquals(Set.of(1, 2), depths, "rule: 1 hidden layer for penguins, searched 1 .. rule + 1");
    }

    @Test
    void spaceIsCentredOnTheRecipesRulesAndCanBeNarrowedOrExtended() {
        TabularSpace space = SearchSpaces.tabular(recipe);
        assertEquals(Set.of(TabularSpace.DEPTH, TabularSpace.WIDTH, TabularSpace.MAX_LR, TabularSpace.BATCH_SIZE,
                TabularSpace.DROPOUT, TabularSpace.WEIGHT_DECAY, TabularSpace.ACTIVATION),
                space.getNestedSpaces().keySet());
        // the rule picks [64] for penguins: widths 32 .. 128 as powers of two
        assertEquals(List.of(64), space.baseWidths());
        TabularRecipe widest = space.toRecipe(Map.of(TabularSpace.DEPTH, 2, TabularSpace.WIDTH, 128));
        assertEquals("[128, 64]", widest.card().value("hiddenLayers"));

        TabularSpace seluOnly = space.with(TabularSpace.ACTIVATION, SearchBlocks.activations(List.of(Activation.SELU)))
                .without(TabularSpace.WEIGHT_DECAY);
        UnitSpace<TabularRecipe> unit = UnitSpace.of(seluOnly);
        for (int n = 1; n <= 20; n++) {
            TabularRecipe candidate = unit.value(Samplers.random().propose(unit.dimensions(), List.of(), n,
                    Seeds.forTrial(2, n)));
            assertEquals(Activation.SELU, candidate.activation());
            assertEquals("LECUN_NORMAL", candidate.card().value("weightInit"));
            assertEquals(recipe.card().value("weightDecay"), candidate.card().value("weightDecay"),
                    "a hyperparameter left out keeps the recipe's value");
        }

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> space.with("lr", SearchBlocks.learningRate()));
        assertTrue(unknown.getMessage().contains("'lr'") && unknown.getMessage().contains(TabularSpace.MAX_LR),
                unknown.getMessage());
        IllegalArgumentException sigmoid = assertThrows(IllegalArgumentException.class,
                () -> space.toRecipe(Map.of(TabularSpace.ACTIVATION, Activation.SIGMOID)));
        assertTrue(sigmoid.getMessage().contains("SIGMOID") && sigmoid.getMessage().contains("TabularSpace.ACTIVATIONS"),
                sigmoid.getMessage());
        assertEquals(Activation.TANH, space.toRecipe(Map.of(TabularSpace.ACTIVATION, Activation.TANH)).activation());
    }

    @Test
    void theOptimizerDimensionChoosesBetween1cycleAdamAndAdamHdStartingAtMaxLr() {
        TabularSpace space = SearchSpaces.tabular(recipe)
                .with(TabularSpace.OPTIMIZER, Params.choice(TabularSpace.OPTIMIZER, TabularSpace.OPTIMIZERS));
        TabularRecipe hd = space.toRecipe(Map.of(TabularSpace.OPTIMIZER, OptimizerKind.ADAM_HD, TabularSpace.MAX_LR, 3e-3));
        HypergradientAdam updater = assertInstanceOf(HypergradientAdam.class, hd.settings().optimizer().value());
        assertEquals(3e-3, updater.getLearningRate(0, 0));
        assertEquals(HypergradientAdam.DEFAULT_HYPER_LEARNING_RATE, updater.hyperLearningRate());
        assertEquals(Source.TUNER, hd.settings().optimizer().source());
        assertNull(space.toRecipe(Map.of(TabularSpace.OPTIMIZER, OptimizerKind.ADAM)).settings().optimizer(),
                "ADAM is the recipe's own Adam with 1cycle");
        assertEquals(OptimizerKind.ADAM, space.baseValues().get(TabularSpace.OPTIMIZER));
        IllegalArgumentException sgd = assertThrows(IllegalArgumentException.class,
                () -> space.toRecipe(Map.of(TabularSpace.OPTIMIZER, OptimizerKind.SGD)));
        assertTrue(sgd.getMessage().contains("SGD") && sgd.getMessage().contains("TabularSpace.OPTIMIZERS"),
                sgd.getMessage());
    }

    @Test
    void aTinyStudyReturnsTheBestTrialAsARecipeAndRefitsIt() throws Exception {
        int maxEpochs = 4;
        TabularSpace space = SearchSpaces.tabular(recipe.withEpochs(maxEpochs).withSeed(7), split.train());
        Path study = tmp.resolve("study");
        TuningResult<TabularRecipe> result = Tuner.asha(space, 1, maxEpochs, 2).maxTrials(6).seed(3)
                .threadsPerWorker(1).study(study).run(TabularTuning.objective(split.train(), split.valid()));

        TrialRecord bestTrial = result.best().orElseThrow();
        TabularRecipe best = TabularTuning.best(result);
        assertEquals(String.valueOf(maxEpochs), best.card().value("epochs"), "the 1cycle length of the base recipe");
        assertEquals(bestTrial.params().get(TabularSpace.ACTIVATION), best.card().value("activation"));
        double bestValue = bestTrial.values().get(bestTrial.values().size() - 1);
        assertTrue(bestValue > 0.8, "penguins are easy: best validation accuracy " + bestValue);
        assertTrue(Files.exists(study.resolve("leaderboard.csv")) && Files.exists(study.resolve("report.html")));

        // resuming the finished study trains nothing and ranks the same trials
        List<Integer> ranking = result.leaderboard().rows().stream().map(TrialRecord::number).toList();
        TuningResult<TabularRecipe> again = Tuner.asha(space, 1, maxEpochs, 2).maxTrials(6).seed(3)
                .threadsPerWorker(1).study(study).run((candidate, context) -> {
                    throw new AssertionError("a finished study must not train again");
                });
        assertEquals(ranking, again.leaderboard().rows().stream().map(TrialRecord::number).toList());

        var refit = TabularTuning.refit(result, split.train(), split.valid());
        Model net = refit.network();
        assertEquals(maxEpochs, refit.history().size());
        assertEquals(best.toConfiguration().multiLayer().getConfs().size(),
                ((org.deeplearning4j.nn.multilayer.MultiLayerNetwork) net).getLayers().length);
        assertFalse(refit.history().hasValidation(), "refit on train + valid leaves no validation set");
    }

    @Test
    void theLossObjectiveIsTheValidationLogLossWithoutRegularizationAndAStudyMinimisesIt() throws Exception {
        TabularRecipe candidate = recipe.withEpochs(3).withMaxLr(1e-2).withWeightDecay(1e-2).withSeed(5);
        Path checkpoint = tmp.resolve("trial.zip");
        double objective;
        try (TrialSession session = TabularTuning.lossObjective(split.train(), split.valid()).open(candidate, null)) {
            objective = session.trainEpoch(0).objective();
            session.save(checkpoint);
        }
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net =
                org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), false);
        double[][] probs = net.output(split.valid().getFeatures(), false).toDoubleMatrix();
        double[][] labels = split.valid().getLabels().toDoubleMatrix();
        double logLoss = 0;
        for (int i = 0; i < probs.length; i++) {
            for (int k = 0; k < probs[i].length; k++) {
                logLoss -= labels[i][k] * Math.log(Math.max(probs[i][k], NetworkObjective.PROBABILITY_EPSILON));
            }
        }
        logLoss /= probs.length;
        assertEquals(logLoss, objective, 1e-4, "mean validation log-loss, no weight decay term");

        TuningResult<TabularRecipe> result = Tuner.tpe(SearchSpaces.tabular(recipe.withEpochs(2)), 2).maxTrials(4)
                .seed(1).threadsPerWorker(1).direction(Direction.MINIMIZE).study(tmp.resolve("loss-study"))
                .run(TabularTuning.lossObjective(split.train(), split.valid()));
        double best = result.best().orElseThrow().value();
        for (TrialRecord trial : result.trials()) {
            assertTrue(trial.value() > 0 && Double.isFinite(trial.value()), "a log-loss: " + trial.value());
            assertTrue(best <= trial.value(), "the best trial has the lowest loss: " + best + " vs " + trial.value());
        }
    }

    @Test
    void regressorsAreRefusedByTheClassifierMetricsWhichNameTheObjectiveThatFits() {
        TabularData table = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularSplit parts = table.split(0.8, 1);
        TabularRecipe regressor = TabularRecipe.regressor(table.schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularTuning.objective(parts.train(), parts.valid()).open(regressor, null));
        assertTrue(e.getMessage().startsWith("metric: ACCURACY cannot measure a REGRESSION recipe; fix: use "
                + "TabularTuning.objective(recipe, train, valid), which measures RMSE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TabularTuning.lossObjective(parts.train(), parts.valid()).open(regressor, null));
        assertTrue(e.getMessage().startsWith("metric: LOG_LOSS cannot measure a REGRESSION recipe"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TabularTuning.objective(TabularMetric.MAE,
                split.train(), split.valid()).open(recipe, null));
        assertTrue(e.getMessage().startsWith("metric: MAE cannot measure a MULTICLASS recipe")
                && e.getMessage().endsWith("one of [ACCURACY, LOG_LOSS]"), e.getMessage());
    }

    /** The named initialisation of a layer, from its init function's class (as the linter reads it). */
    private static WeightInit initOf(DenseLayer layer) {
        return java.util.Arrays.stream(WeightInit.values()).filter(w -> w != WeightInit.DISTRIBUTION)
                .filter(w -> w.getWeightInitFunction().getClass() == layer.getWeightInitFn().getClass())
                .findFirst().orElseThrow();
    }
}
