package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.ImageFolderData;
import io.github.dl4jrecipes.core.data.ImageFolders;
import io.github.dl4jrecipes.core.eval.ClassifierReport;
import io.github.dl4jrecipes.examples.image.ImageModelFolder;
import io.github.dl4jrecipes.examples.image.UnreadableImagesOption;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.augment.ImageShape;
import io.github.dl4jrecipes.recipes.augment.TestTimeAugmentation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code evaluate image}: accuracy and confusion matrix of a saved image model on a labelled folder. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Score a model folder written by 'train image' on a folder of class subfolders (each named "
            + "after one of the model's classes), read as in training; print accuracy and the confusion matrix, and "
            + "with --tta the accuracy with test-time augmentation.",
            "Example: dl4j-recipes evaluate image --model out/photos --dir labelled-photos --tta"})
final class EvaluateImageCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model folder.")
    Path model;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "Labelled images: one subfolder per class, named as in training.")
    Path dir;

    @Option(names = "--batch-size", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--tta", description = "Also score with test-time augmentation: the mean prediction over the "
            + "image and " + TestTimeAugmentation.DEFAULT_COPIES + " copies under the light policy.")
    boolean tta;

    @Option(names = "--no-flips", description = "No flips in the test-time augmentation (digits, text, signs).")
    boolean noFlips;

    @CommandLine.Mixin
    UnreadableImagesOption unreadable = new UnreadableImagesOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        ImageModelFolder folder = new ImageModelFolder(model);
        ImageModelFolder.Images images = folder.images();
        ImageFolderData data = unreadable.load(ImageFolders.from(dir).withSize(images.height(), images.width())
                .withChannels(images.channels()).withPixelRange(images.minPixel(), images.maxPixel()), "--dir");
        INDArray toModelClasses = classMap(data.classes(), images.classes());
        ComputationGraph network = folder.model().network();
        DataSetIterator batches = data.iterator(batchSize);
        batches.setPreProcessor(new CompositeDataSetPreProcessor(batches.getPreProcessor(),
                batch -> batch.setLabels(batch.getLabels().castTo(DataType.FLOAT).mmul(toModelClasses))));

        ClassifierReport report = ClassifierReport.of(network, batches, images.classes());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "accuracy %.4f on %d images%n", report.accuracy(), data.size());
        if (tta) {
            Augment policy = noFlips ? Augment.light().withoutFlips() : Augment.light();
            ImageShape shape = ImageShape.of(images.channels(), images.height(), images.width());
            double accuracy = TestTimeAugmentation.of(policy, shape).evaluate(network, batches, images.classes())
                    .accuracy();
            out.printf(Locale.ROOT, "accuracy with test-time augmentation %.4f%n", accuracy);
        }
        out.println(report.confusionText());
        UnreadableImagesOption.report(data, out);
        out.flush();
        return Dl4jRecipes.OK;
    }

    /**
     * The 0/1 matrix that moves a label column of the folder's classes to the model's column of the
     * same name; a folder may hold a subset of the model's classes, in any order.
     */
    static INDArray classMap(List<String> folderClasses, List<String> modelClasses) {
        INDArray map = Nd4j.zeros(DataType.FLOAT, folderClasses.size(), modelClasses.size());
        for (int i = 0; i < folderClasses.size(); i++) {
            int column = modelClasses.indexOf(folderClasses.get(i));
            if (column < 0) {
                throw new IllegalArgumentException("class folder '" + folderClasses.get(i) + "' is not one of the "
                        + "model's classes " + modelClasses + "; fix: rename or remove that subfolder");
            }
            map.putScalar(i, column, 1);
        }
        return map;
    }
}
