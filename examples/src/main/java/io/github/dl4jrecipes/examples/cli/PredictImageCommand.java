package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.data.CsvTable;
import io.github.dl4jrecipes.examples.OutputPaths;
import io.github.dl4jrecipes.examples.image.ImageModelFolder;
import io.github.dl4jrecipes.examples.image.ImagePredictor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code predict image}: image files in, labels out (a CSV, written atomically). */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Label image files with a model folder written by 'train image'. Writes file, "
            + "predicted_label, probability and probability_<class> columns.",
            "Example: dl4j-recipes predict image --model out/photos --output labels.csv new/*.jpg more-photos/"})
final class PredictImageCommand implements Callable<Integer> {

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", required = true, description = "Model folder.")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Labels CSV to write.")
    Path output;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files, or folders searched for them.")
    List<Path> images;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> inputs = new LinkedHashMap<>();
        images.forEach(image -> inputs.put("IMAGE " + image, image));
        OutputPaths.file("--output", output, inputs);
        ImageModelFolder folder = new ImageModelFolder(model);
        ImageModelFolder.Images settings = folder.images();
        List<ImagePredictor.Prediction> predictions = new ImagePredictor(folder.model(), settings)
                .predict(ImagePredictor.files(images));
        List<String> header = new ArrayList<>(List.of("file", "predicted_label", "probability"));
        settings.classes().forEach(c -> header.add("probability_" + c));
        List<List<String>> rows = new ArrayList<>();
        for (ImagePredictor.Prediction p : predictions) {
            List<String> row = new ArrayList<>(List.of(p.file().toString(), p.label(), format(p.probability())));
            for (double probability : p.probabilities()) {
                row.add(format(probability));
            }
            rows.add(row);
        }
        CsvTable.write(output, header, rows);
        spec.commandLine().getOut().println("wrote " + rows.size() + " labels to " + output);
        spec.commandLine().getOut().flush();
        return Dl4jRecipes.OK;
    }

    private static String format(double probability) {
        return String.format(Locale.ROOT, "%.6f", probability);
    }
}
