package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tuning tabular recipes of every task end to end on the bundled penguins: regression, multi-label, refusals. */
class TaskTuningTest {

    private static final int EPOCHS = 3;

    @TempDir
    Path tmp;

    @Test
    void aRegressorIsTunedOnValidationRmseInTheTargetsUnitsMinimisedWithTheRecipeAsGivenFirst() throws Exception {
        TabularData mass = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularSplit split = mass.split(0.8, 42);
        TabularRecipe recipe = TabularRecipe.regressor(mass.schema()).withEpochs(EPOCHS).withProgress(Progress.LOG);
        TabularSpace space = SearchSpaces.tabular(recipe, split.train());
        TuningResult<TabularRecipe> result = Tuner.random(space, EPOCHS).maxTrials(3).threadsPerWorker(1)
                .study(tmp.resolve("mass")).run(TabularTuning.objective(recipe, split.train(), split.valid()));

        assertEquals(List.of(TrialStatus.COMPLETE, TrialStatus.COMPLETE, TrialStatus.COMPLETE),
                result.trials().stream().map(TrialRecord::status).toList());
        assertEquals(TrialSource.AS_GIVEN, result.trials().get(0).source());
        List<Double> ranked = result.leaderboard().rows().stream().map(TrialRecord::value).toList();
        assertTrue(ranked.get(0) <= ranked.get(1) && ranked.get(1) <= ranked.get(2), "minimised: " + ranked);

        // independent route: the best trial's checkpoint predicts standardized grams; map them back with the
        // training rows' mean and population standard deviation, worked out here in plain Java
        TrialRecord top = result.best().orElseThrow();
        double[] y = split.train().getLabels().castTo(DataType.DOUBLE).data().asDouble();
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double std = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length);
        Net net = Net.restore(Net.Mln.KIND, result.studyDir().resolve(top.checkpoint()), false);
        double[] out = net.output(split.valid().getFeatures()).castTo(DataType.DOUBLE).data().asDouble();
        double[] truth = split.valid().getLabels().castTo(DataType.DOUBLE).data().asDouble();
        double squares = 0;
        for (int i = 0; i < out.length; i++) {
            squares += Math.pow(out[i] * std + mean - truth[i], 2);
        }
        double rmse = Math.sqrt(squares / out.length);
        assertEquals(rmse, top.value(), 1e-6 * rmse, "RMSE in grams");
        assertTrue(rmse > 50, "grams, not standardized units: " + rmse);
    }

    @Test
    void aStudyKeepsTheLrFindersPickSoAFinishedStudyOpensWithoutRunningTheRangeTestAgain() throws Exception {
        TabularData penguins = TabularData.penguins();
        TabularSplit split = penguins.split(0.8, 42);
        TabularRecipe recipe = TabularRecipe.classifier(penguins.schema()).withEpochs(1).withProgress(Progress.LOG);
        Path dir = tmp.resolve("study");
        TabularSpace first = SearchSpaces.tabular(recipe, split.train(), dir);
        double pick = first.lrFinderPick().orElseThrow();
        Tuner.random(first, 1).maxTrials(2).threadsPerWorker(1).study(dir)
                .run(TabularTuning.objective(recipe, split.train(), split.valid()));
        assertTrue(Files.readString(dir.resolve("study.json")).contains("\"lrFinderPick\" : " + pick),
                Files.readString(dir.resolve("study.json")));

        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                TabularRecipe.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TabularSpace again = SearchSpaces.tabular(recipe, split.train(), dir);
            assertEquals(pick, again.lrFinderPick().orElseThrow());
            TuningResult<TabularRecipe> resumed = Tuner.random(again, 1).maxTrials(2).threadsPerWorker(1).study(dir)
                    .run(TabularTuning.objective(recipe, split.train(), split.valid()));
            assertEquals(2, resumed.trials().size());
        } finally {
            logger.detachAppender(appender);
        }
        assertTrue(appender.list.stream().noneMatch(e -> e.getFormattedMessage().startsWith("LR finder (")),
                "the range test did not run again");
    }

    @Test
    void theRecipeAsGivenIsTrialOneEvenWhereTheSpaceCannotRepresentItSoTheBestIsNeverWorse() {
        TabularData penguins = TabularData.penguins();
        // weight decay 0: a value the space's log range cannot hold
        TabularRecipe recipe = TabularRecipe.classifier(penguins.schema()).withTrainRows(200).withMaxLr(3e-3)
                .withWeightDecay(0);
        TabularSpace space = SearchSpaces.tabular(recipe);
        java.util.Map<Integer, TabularRecipe> opened = new java.util.concurrent.ConcurrentHashMap<>();
        Objective<TabularRecipe> score = Objective.curve((TabularRecipe r, int epochs) ->
                -Math.abs(Math.log10(r.resolvedSettings().maxLr().value()) + 2.5));
        Objective<TabularRecipe> recording = (candidate, context) -> {
            opened.put(context.trial(), candidate);
            return score.open(candidate, context);
        };
        TuningResult<TabularRecipe> result = Tuner.random(space, 1).maxTrials(6).threadsPerWorker(1)
                .study(tmp.resolve("as-given")).run(recording);
        TrialRecord first = result.trials().get(0);
        assertEquals(TrialSource.AS_GIVEN, first.source());
        assertTrue(opened.get(1) == space.base(), "trial 1 trains the recipe itself, not a point of the space");
        // its record shows the recipe's own values, including one outside the space (weight decay 0 on a log range)
        assertEquals("0.0", first.params().get(TabularSpace.WEIGHT_DECAY));
        assertEquals("0.003", first.params().get(TabularSpace.MAX_LR));
        assertEquals(-Math.abs(Math.log10(3e-3) + 2.5), first.value(), 1e-12);
        assertTrue(result.best().orElseThrow().value() >= first.value(), "never worse than the recipe as given");
        List<TrialSource> rest = result.trials().subList(1, 6).stream().map(TrialRecord::source).toList();
        assertEquals(List.of(TrialSource.SAMPLER, TrialSource.SAMPLER, TrialSource.SAMPLER, TrialSource.SAMPLER,
                TrialSource.SAMPLER), rest);
    }

    @Test
    void aMultiLabelRecipeIsTunedOnValidationLogLossMinimised() {
        TabularData penguins = TabularData.penguins();
        TabularSplit split = penguins.split(0.8, 42);
        // three 0/1 labels per row (the species one-hot columns): a valid multi-label target
        TabularRecipe recipe = TabularRecipe.multilabel(penguins.schema(), 3).withEpochs(EPOCHS)
                .withProgress(Progress.LOG);
        DataSet train = split.train();
        DataSet valid = split.valid();
        assertEquals(TabularMetric.LOG_LOSS, TabularMetric.of(recipe.task()));
        TuningResult<TabularRecipe> result = Tuner.random(SearchSpaces.tabular(recipe, train), EPOCHS).maxTrials(2)
                .threadsPerWorker(1).study(tmp.resolve("labels")).run(TabularTuning.objective(recipe, train, valid));
        assertEquals(2, result.leaderboard().rows().size());
        result.trials().forEach(t -> assertTrue(t.value() > 0 && t.value() < Math.log(2) * 3, "binary "
                + "cross-entropy summed over 3 labels, better than chance: " + t.value()));
        List<Double> ranked = result.leaderboard().rows().stream().map(TrialRecord::value).toList();
        assertTrue(ranked.get(0) <= ranked.get(1), "minimised: " + ranked);
    }

    @Test
    void aMetricThatCannotMeasureTheTaskFailsTheStudyAtOnceNamingTheFix() {
        TabularData mass = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularSplit split = mass.split(0.8, 42);
        TabularRecipe recipe = TabularRecipe.regressor(mass.schema()).withEpochs(1).withMaxLr(1e-2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tuner.random(
                SearchSpaces.tabular(recipe, split.train()), 1).maxTrials(20).retries(3).threadsPerWorker(1)
                .study(tmp.resolve("s")).run(TabularTuning.objective(split.train(), split.valid())));
        assertEquals("metric: ACCURACY cannot measure a REGRESSION recipe; fix: use TabularTuning.objective(recipe, "
                + "train, valid), which measures RMSE for it, or one of [RMSE, MAE]", e.getMessage());
    }
}
