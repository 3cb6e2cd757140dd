package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.init.WeightInits;
import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.lint.LintReport;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.MlpStyle;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tabular preset space on the bundled penguins table: candidates, narrowing, a tiny study, the best recipe. */
class TabularTuningTest {

    private static final int CANDIDATES = 300;

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
            Activation hidden = candidate.card().value("style").equals(MlpStyle.SELF_NORMALIZING.name())
                    ? Activation.SELU : Activation.RELU;
            activations.add(hidden);
            int dense = 0;
            for (NeuralNetConfiguration layerConf : conf.getConfs()) {
                if (layerConf.getLayer() instanceof DenseLayer layer && !(layerConf.getLayer() instanceof OutputLayer)) {
                    dense++;
                    assertEquals(WeightInits.forActivation(hidden).getWeightInitFunction().getClass(),
                            layer.getWeightInitFn().getClass(), "candidate " + n + ": " + hidden + " layer with "
                                    + layer.getWeightInitFn());
                }
            }
            depths.add(dense);
            double lr = Double.parseDouble(candidate.card().value("maxLr"));
            assertTrue(lr >= TabularRecipe.DEFAULT_MAX_LR / SearchSpaces.LR_SPAN * (1 - 1e-9)
                    && lr <= TabularRecipe.DEFAULT_MAX_LR * SearchSpaces.LR_SPAN * (1 + 1e-9), "maxLr " + lr);
        }
        assertEquals(EnumSet.of(Activation.RELU, Activation.SELU), activations);
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
            assertEquals(MlpStyle.SELF_NORMALIZING.name(), candidate.card().value("style"));
            assertEquals(recipe.card().value("weightDecay"), candidate.card().value("weightDecay"),
                    "a hyperparameter left out keeps the recipe's value");
        }

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> space.with("lr", SearchBlocks.learningRate()));
        assertTrue(unknown.getMessage().contains("'lr'") && unknown.getMessage().contains(TabularSpace.MAX_LR),
                unknown.getMessage());
        IllegalArgumentException tanh = assertThrows(IllegalArgumentException.class,
                () -> space.toRecipe(Map.of(TabularSpace.ACTIVATION, Activation.TANH)));
        assertTrue(tanh.getMessage().contains("TANH") && tanh.getMessage().contains("TabularSpace.ACTIVATIONS"),
                tanh.getMessage());
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
        assertEquals(bestTrial.params().get(TabularSpace.ACTIVATION).equals("SELU")
                ? MlpStyle.SELF_NORMALIZING.name() : MlpStyle.RELU_BATCH_NORM.name(), best.card().value("style"));
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
    void regressorsAreRefusedByTheAccuracyObjective() {
        TabularData table = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularSplit parts = table.split(0.8, 1);
        TabularRecipe regressor = TabularRecipe.regressor(table.schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularTuning.objective(parts.train(), parts.valid()).open(regressor, null));
        assertTrue(e.getMessage().contains("regressor") && e.getMessage().contains("body_mass_g"), e.getMessage());
    }

}
