package io.github.dl4jrecipes.core.data;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What identifies an MNIST-style IDX image set: its folder name, its four files, their SHA-256
 * sums as published, where to download them, and its class names.
 *
 * @param name folder name under the data roots, e.g. {@code fashion-mnist}
 * @param title human-readable name for messages
 * @param baseUrl the official download location (ends with {@code /})
 * @param sha256 the SHA-256 (lower-case hex) of each gzip file, by file name
 * @param classNames the name of each class, by label index
 * @param installHint how to get the files without a download, for the "not found" message
 */
record IdxSpec(String name, String title, URI baseUrl, Map<String, String> sha256, List<String> classNames,
        String installHint) {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final String GZIP_SUFFIX = ".gz";
    static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    IdxSpec {
        sha256 = Map.copyOf(sha256);
        classNames = List.copyOf(classNames);
        for (String file : FILES) {
            if (!sha256.containsKey(file + GZIP_SUFFIX)) {
                throw new IllegalArgumentException("sha256: no checksum for " + file + GZIP_SUFFIX);
            }
        }
    }

    IdxSpec withBaseUrl(URI url) {
        return new IdxSpec(name, title, url, sha256, classNames, installHint);
    }

    IdxSpec withSha256(Map<String, String> sums) {
        return new IdxSpec(name, title, baseUrl, sums, classNames, installHint);
    }
}
