package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.IdxImages;
import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolderSplit;
import io.github.dl4jrecipes.core.data.Split;
import io.github.dl4jrecipes.core.data.Splits;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.image.ImageFolderInput;
import io.github.dl4jrecipes.examples.image.ImageStudy;
import io.github.dl4jrecipes.examples.image.RecipeOptions;
import io.github.dl4jrecipes.examples.image.UnreadableImagesOption;
import io.github.dl4jrecipes.examples.tabular.TabularStudy;
import io.github.dl4jrecipes.tuning.StudyStorage;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tune image}: an image recipe's preset space on a folder of class subfolders or on Fashion-MNIST. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Tune an image recipe on a folder of class subfolders (<dir>/<class>/*.png|jpg, stratified "
            + "hold-out) or on Fashion-MNIST (stratified subsets of its training set; the test set is left alone): "
            + "validation accuracy, the recipe as given (--arch, --augment, --batch-size) as the first trial, a "
            + "resumable study folder with leaderboard.csv/json and report.html; prints the leaderboard and the "
            + "best recipe.",
            "Run it again with the same --study to resume after an interruption.",
            "Example: dl4j-recipes tune image --fashion-mnist --train-subset 2000 --valid-subset 1000 "
                + "--strategy asha --trials 20 --max-epochs 9 --study out/fashion-study"})
final class TuneImageCommand implements Callable<Integer> {

    /** Images per class subset of Fashion-MNIST trained on by default: a study that runs in minutes on a CPU. */
    static final int DEFAULT_TRAIN_SUBSET = 2000;
    /** Validation images drawn from Fashion-MNIST's training set by default. */
    static final int DEFAULT_VALID_SUBSET = 1000;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder with one subfolder of images per class.")
    Path dir;

    @Option(names = "--fashion-mnist", description = "Tune on Fashion-MNIST (28×28 grey, 10 classes) instead of --dir.")
    boolean fashionMnist;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four Fashion-MNIST IDX files (default: the search path).")
    Path fashionData;

    @Option(names = "--train-subset", description = "Fashion-MNIST images to train on (default: ${DEFAULT-VALUE}).")
    int trainSubset = DEFAULT_TRAIN_SUBSET;

    @Option(names = "--valid-subset", description = "Fashion-MNIST images to validate on (default: ${DEFAULT-VALUE}).")
    int validSubset = DEFAULT_VALID_SUBSET;

    @Option(names = "--size", description = "With --dir: resize images to SIZE×SIZE (default: ${DEFAULT-VALUE}).")
    int size = 64;

    @Option(names = "--channels", description = "With --dir: 1 (grey) or 3 (colour) (default: ${DEFAULT-VALUE}).")
    int channels = 3;

    @Option(names = "--valid-fraction", description = "With --dir: fraction held out to validate (default: "
            + "${DEFAULT-VALUE}).")
    double validFraction = 0.2;

    @CommandLine.Mixin
    UnreadableImagesOption unreadable = new UnreadableImagesOption();

    @CommandLine.Mixin
    RecipeOptions recipe;

    @CommandLine.Mixin
    StudyOptions study = new StudyOptions();

    @Option(names = "--strategy", converter = TuneTabularCommand.StrategyConverter.class,
            completionCandidates = TuneTabularCommand.StrategyNames.class,
            description = "One of ${COMPLETION-CANDIDATES} (default: asha).")
    TabularStudy.Strategy strategy = TabularStudy.Strategy.ASHA;

    @Option(names = "--trials", description = "Most trials (default: ${DEFAULT-VALUE}).")
    int trials = 20;

    @Option(names = "--max-epochs", description = "Epochs of a fully trained trial (default: ${DEFAULT-VALUE}).")
    int maxEpochs = 9;

    @Option(names = "--enqueue", paramLabel = "NAME=VALUE[,NAME=VALUE...]",
            description = {"A candidate to train before the sampler's, after the recipe as given (repeatable), e.g. "
                + "--enqueue architecture=resnet,augment=light; names are the leaderboard's columns."})
    List<String> enqueue = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (fashionMnist == (dir != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --dir DIR or --fashion-mnist, "
                    + (fashionMnist ? "not both" : "got neither"));
        }
        StudyStorage storage = study.storage(spec);
        ImageStudy settings = new ImageStudy(strategy, trials, maxEpochs, recipe.seed, Enqueue.parse(spec, enqueue));
        if (fashionMnist) {
            if (trainSubset < 1 || validSubset < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--train-subset and --valid-subset must "
                        + "be >= 1, got " + trainSubset + " and " + validSubset + "; e.g. " + DEFAULT_TRAIN_SUBSET
                        + " and " + DEFAULT_VALID_SUBSET);
            }
            IdxImages fm = fashionData == null ? FashionMnist.load() : FashionMnist.loader().withDir(fashionData).load();
            Split parts = subsets(fm);
            settings.run(recipe.recipe(28, 28, 1, fm.numClasses()), parts.train(), parts.valid(), storage,
                    spec.commandLine().getOut());
            return Dl4jRecipes.OK;
        }
        ImageFolderInput input = new ImageFolderInput();
        input.dir = dir;
        input.size = size;
        input.channels = channels;
        input.validFraction = validFraction;
        input.unreadable = unreadable;
        ImageFolderData data = input.load();
        ImageFolderSplit parts = input.split(data, recipe.seed);
        ImageRecipe base = recipe.recipe(size, size, channels, data.classes().size());
        settings.run(base, parts.train().toDataSet(), parts.valid().toDataSet(), storage, spec.commandLine().getOut());
        UnreadableImagesOption.report(data, spec.commandLine().getOut());
        return Dl4jRecipes.OK;
    }

    /** Stratified, disjoint train and validation subsets of Fashion-MNIST's training set. */
    private Split subsets(IdxImages fm) {
        int n = fm.train().numExamples();
        if ((long) trainSubset + validSubset > n) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--train-subset and --valid-subset must "
                    + "together be at most the " + n + " training images, got " + trainSubset + " and " + validSubset);
        }
        return Splits.trainValidTest(fm.train(), (double) trainSubset / n, (double) validSubset / n, recipe.seed);
    }
}
