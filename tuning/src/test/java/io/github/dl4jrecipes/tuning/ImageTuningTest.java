package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.lint.ConfigLinter;
import io.github.dl4jrecipes.core.lint.LintReport;
import io.github.dl4jrecipes.core.lint.Rule;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import io.github.dl4jrecipes.tuning.internal.Seeds;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The image preset space on tiny generated images: candidates, narrowing, bad input, a tiny study. */
class ImageTuningTest {

    private static final int SIDE = 8;
    private static final int CLASSES = 3;
    private static final int CANDIDATES = 60;

    @TempDir
    Path tmp;

    /** Class 0 bright in the top half, class 1 in the bottom half, class 2 in a centre square, on noise. */
    private static DataSet images(int n, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[n * SIDE * SIDE];
        float[] labels = new float[n * CLASSES];
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES;
            labels[i * CLASSES + label] = 1;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean on = switch (label) {
                        case 0 -> y < SIDE / 2;
                        case 1 -> y >= SIDE / 2;
                        default -> Math.abs(y - SIDE / 2) < SIDE / 4 && Math.abs(x - SIDE / 2) < SIDE / 4;
                    };
                    pixels[(i * SIDE + y) * SIDE + x] = (on ? 0.8f : 0) + 0.3f * random.nextFloat();
                }
            }
        }
        return new DataSet(Nd4j.create(pixels, new long[] {n, 1, SIDE, SIDE}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {n, CLASSES}, DataType.FLOAT));
    }

    private static ImageRecipe recipe() {
        return ImageRecipe.classifier(SIDE, SIDE, 1, CLASSES).withAugment(Augment.standard().withoutFlips());
    }

    @Test
    void everyCandidateIsARecipeThatPassesTheLinterAndKeepsTheRecipesFlips() {
        UnitSpace<ImageRecipe> unit = UnitSpace.of(SearchSpaces.image(recipe()));
        Set<String> architectures = new HashSet<>();
        Set<Integer> batches = new HashSet<>();
        for (int n = 1; n <= CANDIDATES; n++) {
            ImageRecipe candidate = unit.value(Samplers.random().propose(unit.dimensions(), List.of(), n,
                    Seeds.forTrial(1, n)));
            LintReport lint = ConfigLinter.lint(candidate.toConfiguration().graph(), candidate.task());
            // resnet's pinned findings (ImageRecipeTest): He init before the residual add's ReLU
            assertEquals(lint.findings(), candidate.architecture().equals("resnet") ? lint.of(Rule.INIT_NOT_PAIRED)
                    : List.of(), "candidate " + n + " (" + candidate.architecture() + "): " + lint);
            assertEquals(0, candidate.augment().flipProbability(), "digits-style recipe: never flipped");
            double lr = Double.parseDouble(candidate.card().value("maxLr"));
            assertTrue(lr >= ImageRecipe.FALLBACK_MAX_LR / SearchSpaces.LR_SPAN * (1 - 1e-9)
                    && lr <= ImageRecipe.FALLBACK_MAX_LR * SearchSpaces.LR_SPAN * (1 + 1e-9), "maxLr " + lr);
            double decay = Double.parseDouble(candidate.card().value("weightDecay"));
            assertTrue(decay >= SearchBlocks.MIN_L2 * (1 - 1e-9) && decay <= SearchBlocks.MAX_L2 * (1 + 1e-9));
            architectures.add(candidate.architecture());
            batches.add(candidate.batchSize());
        }
        assertEquals(Set.copyOf(ImageSpace.ARCHITECTURES), architectures);
        assertEquals(Set.of(32, 64, 128, 256), batches);
    }

    @Test
    void spaceIsCentredOnTheRecipeAndCanBeNarrowed() {
        ImageSpace space = SearchSpaces.image(recipe().withMaxLr(3e-3));
        assertEquals(Set.copyOf(ImageSpace.NAMES), space.getNestedSpaces().keySet());
        ImageRecipe low = space.toRecipe(Map.of(ImageSpace.MAX_LR, 3e-4, ImageSpace.AUGMENT, "light",
                ImageSpace.ARCHITECTURE, "resnet", ImageSpace.BATCH_SIZE, 32));
        assertEquals("resnet", low.architecture());
        assertEquals(Augment.light().withoutFlips(), low.augment());
        assertEquals(32, low.batchSize());
        assertEquals(Augment.none(), space.toRecipe(Map.of(ImageSpace.AUGMENT, "none")).augment());
        // the LR range is one decade either side of the recipe's 3e-3
        UnitSpace<ImageRecipe> unit = UnitSpace.of(space.without(ImageSpace.ARCHITECTURE)
                .with(ImageSpace.AUGMENT, Params.choice(ImageSpace.AUGMENT, List.of("light"))));
        for (int n = 1; n <= 20; n++) {
            ImageRecipe candidate = unit.value(Samplers.random().propose(unit.dimensions(), List.of(), n,
                    Seeds.forTrial(2, n)));
            double lr = Double.parseDouble(candidate.card().value("maxLr"));
            assertTrue(lr >= 3e-4 * (1 - 1e-9) && lr <= 3e-2 * (1 + 1e-9), "maxLr " + lr);
            assertEquals("small", candidate.architecture(), "left out: the recipe's");
            assertEquals(Augment.light().withoutFlips(), candidate.augment());
        }
        // lenet is a reference: its space does not swap the architecture
        assertFalse(SearchSpaces.image(ImageRecipe.classifier(16, 16, 1, CLASSES).lenet()).getNestedSpaces()
                .containsKey(ImageSpace.ARCHITECTURE));
        // a recipe without augmentation gets the presets as they are (flips included)
        assertEquals(Augment.standard(), SearchSpaces.image(recipe().withAugment(Augment.none()))
                .toRecipe(Map.of(ImageSpace.AUGMENT, "standard")).augment());
    }

    @Test
    void unknownNamesPresetsArchitecturesAndMisfitImagesAreClearErrors() {
        ImageSpace space = SearchSpaces.image(recipe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> space.with("dropout", SearchBlocks.dropoutRate()));
        assertEquals("image space: unknown hyperparameter 'dropout'; it must be one of [maxLr, batchSize, weightDecay, "
                + "augment, architecture] (each maps to an ImageRecipe setting)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space.toRecipe(Map.of(ImageSpace.AUGMENT, "heavy")));
        assertEquals("augment: unknown preset 'heavy'; it must be one of [none, light, standard]; fix: search "
                + "Params.choice(ImageSpace.AUGMENT, ImageSpace.AUGMENT_PRESETS) or a subset of it", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> space.toRecipe(Map.of(ImageSpace.ARCHITECTURE, "vgg16")));
        assertTrue(e.getMessage().startsWith("architecture: unknown architecture 'vgg16'; it must be one of "
                + "[small, resnet]"), e.getMessage());

        DataSet wide = images(6, 1);
        DataSet rgb = new DataSet(Nd4j.rand(DataType.FLOAT, 6, 3, SIDE, SIDE), wide.getLabels());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageTuning.objective(rgb, wide).open(recipe(), null));
        assertEquals("train: images of shape [6, 3, 8, 8], but the recipe takes [n, 1, 8, 8] (channels, height, "
                + "width); fix: build the recipe with ImageRecipe.classifier(height, width, channels, classes) of the "
                + "data, or reshape the images to NCHW", e.getMessage());
        DataSet twoLabels = new DataSet(wide.getFeatures(), wide.getLabels().getColumns(0, 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageTuning.objective(wide, twoLabels).open(recipe(), null));
        assertTrue(e.getMessage().startsWith("valid: 2 label columns, but the recipe has 3 classes"), e.getMessage());
    }

    @Test
    void aTinyStudyCompletesAndReturnsTheBestTrialAsARecipe() {
        DataSet train = images(36, 1);
        DataSet valid = images(18, 2);
        int epochs = 2;
        ImageSpace space = SearchSpaces.image(recipe().withEpochs(epochs), train);
        assertFalse(space.getNestedSpaces().containsKey(ImageSpace.BATCH_SIZE), "36 images: one batch size fits");
        TuningResult<ImageRecipe> result = Tuner.random(space, epochs).maxTrials(3).seed(4).threadsPerWorker(1)
                .study(tmp.resolve("study")).run(ImageTuning.objective(train, valid));
        assertEquals(3, result.trials().stream().filter(t -> t.status() == TrialStatus.COMPLETE).count(),
                result.trials().toString());
        TrialRecord bestTrial = result.best().orElseThrow();
        ImageRecipe best = ImageTuning.best(result);
        assertEquals(epochs, best.epochs());
        assertEquals(bestTrial.params().get(ImageSpace.ARCHITECTURE), best.architecture());
        assertEquals(Double.parseDouble(bestTrial.params().get(ImageSpace.MAX_LR)),
                Double.parseDouble(best.card().value("maxLr")), 1e-12);
        for (TrialRecord trial : result.trials()) {
            assertEquals(epochs, trial.values().size());
            assertTrue(trial.value() >= 0 && trial.value() <= 1, "an accuracy: " + trial.value());
        }
    }
}
