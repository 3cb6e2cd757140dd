package io.github.dl4jrecipes.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An IDX image set as loaded: train and test parts with features in [0, 1] ({@code [n, 1, rows,
 * cols]}, or {@code [n, rows*cols]} when loaded flat) and one-hot labels.
 *
 * @param train the training images (60,000 for MNIST and Fashion-MNIST)
 * @param test the test images (10,000)
 * @param classNames the name of each class, by label index
 * @param source the folder the files were read from
 */
public record IdxImages(DataSet train, DataSet test, List<String> classNames, Path source) {

    /** Validates presence and copies the class names. */
    public IdxImages {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
        classNames = List.copyOf(classNames);
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }
}
