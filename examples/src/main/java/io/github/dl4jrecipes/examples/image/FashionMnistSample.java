package io.github.dl4jrecipes.examples.image;

import io.github.dl4jrecipes.core.train.internal.AtomicFolder;
import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.IdxImages;
import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.data.Splits;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Fashion-MNIST with the {@code small()} image recipe, {@code Augment.standard()} (clothing: flips
 * are fine) and 1cycle at the LR finder's pick. Prints the hardware report and the LR finder's
 * pick, trains, reports test accuracy and writes the curves, the confusion matrix, the
 * augmented-sample grid, the model and its card into the output folder.
 *
 * <p>From the repository root (a smoke run of about a minute, then the full benchmark):
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests exec:java \
 *   -Dexec.mainClass=io.github.dl4jrecipes.examples.image.FashionMnistSample \
 *   -Dexec.args="--epochs 1 --train-subset 3000 --test-subset 1000 --output target/fashion-smoke"
 * ... -Dexec.args="--epochs 10 --output target/fashion"
 * </pre>
 */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = "Trains an image recipe on Fashion-MNIST and writes model, card, curves and plots.")
public final class FashionMnistSample implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Option(names = "--train-subset", description = "train on this many images (stratified; default: all 60,000)")
    Integer trainSubset;

    @Option(names = "--test-subset", description = "test on this many images (stratified; default: all 10,000)")
    Integer testSubset;

    @Option(names = "--data", description = "folder with the four IDX files (default: the search path)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        options.checkOutputs();
        IdxImages fm = dataDir == null ? FashionMnist.load() : FashionMnist.loader().withDir(dataDir).load();
        DataSet train = subset(fm.train(), trainSubset, "--train-subset");
        DataSet test = subset(fm.test(), testSubset, "--test-subset");
        ImageRecipe recipe = options.recipe(28, 28, 1, fm.numClasses());
        AtomicFolder.write(options.out, staging -> new ImageSampleRun(new PrintWriter(System.out, true))
                .run(recipe, options, staging, InMemoryIterator.shuffled(train, options.batchSize(), options.seed()),
                        InMemoryIterator.sequential(test, options.batchSize()), train.getFeatures(), fm.classNames()));
        return 0;
    }

    private DataSet subset(DataSet all, Integer size, String option) {
        if (size == null || size >= all.numExamples()) {
            return all;
        }
        if (size < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    option + " must be >= 1, got " + size);
        }
        return Splits.trainValid(all, (double) size / all.numExamples(), options.seed()).train();
    }

    /** Runs the sample; exits with 0 on success. */
    public static void main(String[] args) {
        int code = new CommandLine(new FashionMnistSample()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
