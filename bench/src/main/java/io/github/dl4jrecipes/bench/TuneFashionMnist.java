package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.train.Fit;
import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.IdxImages;
import io.github.dl4jrecipes.core.data.Split;
import io.github.dl4jrecipes.core.data.Splits;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import io.github.dl4jrecipes.tuning.ImageSpace;
import io.github.dl4jrecipes.tuning.ImageTuning;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tuning the image recipe on a Fashion-MNIST subset: ASHA (1 … {@value #DEFAULT_MAX_EPOCHS}
 * epochs, η {@value #ETA}) over {@link SearchSpaces#image(ImageRecipe, DataSet)} (1cycle peak LR
 * around the LR finder's pick, batch size, weight decay, augmentation preset, small() or resnet())
 * with {@value #DEFAULT_TRIALS} trials; {@value #DEFAULT_TRAIN} training and {@value #DEFAULT_VALID}
 * validation images drawn stratified from the 60,000 training images. Prints the leaderboard, the
 * best recipe's card, the epochs trained in all and the wall time. Needs Debian's
 * {@code dataset-fashion-mnist}. Long on 2 cores (up to trials × {@value #DEFAULT_MAX_EPOCHS}
 * epochs of 2,000 images): run it on a quiet machine.
 *
 * <p>{@code mvn -B -q -pl bench -am package -DskipTests exec:java -Dexec.mainClass=io.github.dl4jrecipes.bench.TuneFashionMnist}
 * (options {@code --train N --valid N --trials T --max-epochs E --seed S --study DIR}; a smoke run:
 * {@code -Dexec.args="--train 120 --valid 60 --trials 3 --max-epochs 3"}).
 */
public final class TuneFashionMnist {

    /** Training images: 2,000, 200 per class, enough to separate augmentation and architecture choices. */
    static final int DEFAULT_TRAIN = 2_000;
    /** Validation images: 1,000, 100 per class (one image = 0.1 pt of accuracy). */
    static final int DEFAULT_VALID = 1_000;
    /** Trials ASHA may start. */
    static final int DEFAULT_TRIALS = 20;
    /** Epochs of a fully trained trial: 9 = 3², ASHA rungs 1, 3, 9. */
    static final int DEFAULT_MAX_EPOCHS = 9;
    /** η of ASHA (the paper's default). */
    static final int ETA = 3;

    private TuneFashionMnist() {
    }

    /** @param args {@code [--train N] [--valid N] [--trials T] [--max-epochs E] [--seed S] [--study DIR]} */
    public static void main(String[] args) throws IOException {
        int train = DEFAULT_TRAIN;
        int valid = DEFAULT_VALID;
        int trials = DEFAULT_TRIALS;
        int maxEpochs = DEFAULT_MAX_EPOCHS;
        long seed = Fit.DEFAULT_SEED;
        Path study = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--train" -> train = Integer.parseInt(value);
                case "--valid" -> valid = Integer.parseInt(value);
                case "--trials" -> trials = Integer.parseInt(value);
                case "--max-epochs" -> maxEpochs = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--study" -> study = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --train, --valid, "
                        + "--trials, --max-epochs, --seed or --study");
            }
            i++;
        }
        IdxImages fm = FashionMnist.load();
        int all = fm.train().numExamples();
        if (train + valid > all) {
            throw new IllegalArgumentException("--train + --valid must be <= " + all + ", got " + (train + valid));
        }
        DataSet pool = Splits.trainValid(fm.train(), (double) (train + valid) / all, seed).train();
        Split parts = Splits.trainValid(pool, (double) train / (train + valid), seed);
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, fm.classNames().size()).withEpochs(maxEpochs)
                .withSeed(seed);
        long start = System.nanoTime();
        ImageSpace space = SearchSpaces.image(recipe, parts.train());
        TuningResult<ImageRecipe> result = Tuner.asha(space, 1, maxEpochs, ETA).maxTrials(trials).seed(seed)
                .study(study != null ? study : Files.createTempDirectory("tune-fashion-"))
                .run(ImageTuning.objective(parts.train(), parts.valid()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long epochs = result.trials().stream().mapToLong(t -> t.values().size()).sum();
        System.out.println(result.leaderboard().toText(10));
        System.out.println(ImageTuning.best(result).card());
        System.out.printf(Locale.ROOT, "%d train / %d valid images, %d trials, %d epochs in all, %.0f s; study %s%n",
                parts.train().numExamples(), parts.valid().numExamples(), result.trials().size(), epochs, seconds,
                result.studyDir());
    }
}
