package io.github.dl4jrecipes.core.data;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * MNIST (LeCun, Cortes and Burges): 70,000 28×28 grey images of handwritten digits 0–9,
 * 60,000 to train and 10,000 to test.
 *
 * <pre>{@code
 * IdxImages mnist = Mnist.loader().withFlatFeatures(true).load();   // [60000, 784]
 * }</pre>
 *
 * @see IdxLoader for where the files are looked for and how they are downloaded
 */
public final class Mnist {

    /** Folder name of the set under every data root. */
    public static final String NAME = "mnist";
    /**
     * The download location: the mirror PyTorch's torchvision uses, since the original site
     * (yann.lecun.com) often refuses downloads. The files and their SHA-256 sums are the originals.
     */
    public static final URI OFFICIAL_URL = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
    /** The class names: the digits. */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    static final IdxSpec SPEC = new IdxSpec(NAME, "MNIST", OFFICIAL_URL, Map.of(
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            CLASS_NAMES, "retry when the network is reachable");

    private Mnist() {
    }

    /** A loader with the default search path and download source. */
    public static IdxLoader loader() {
        return IdxLoader.of(SPEC);
    }

    /** Loads the set with the default settings ({@code [n, 1, 28, 28]} features). */
    public static IdxImages load() {
        return loader().load();
    }
}
