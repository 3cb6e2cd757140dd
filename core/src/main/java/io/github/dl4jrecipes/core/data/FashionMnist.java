package io.github.dl4jrecipes.core.data;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 70,000 28×28 grey images of clothing in 10
 * balanced classes, 60,000 to train and 10,000 to test. MIT licence.
 *
 * <pre>{@code
 * IdxImages fm = FashionMnist.load();              // [60000,1,28,28] and [10000,1,28,28]
 * String name = fm.classNames().get(9);            // "Ankle boot"
 * }</pre>
 *
 * @see IdxLoader for where the files are looked for and how they are downloaded
 */
public final class FashionMnist {

    /** Folder name of the set under every data root ({@code /usr/share/datasets/fashion-mnist}). */
    public static final String NAME = "fashion-mnist";
    /** The official download location (Zalando Research's bucket, as linked from its README). */
    public static final URI OFFICIAL_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    /** The class names, by label index, as in the data set's README. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final IdxSpec SPEC = new IdxSpec(NAME, "Fashion-MNIST", OFFICIAL_URL, Map.of(
            "train-images-idx3-ubyte.gz", "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc",
            "train-labels-idx1-ubyte.gz", "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc",
            "t10k-images-idx3-ubyte.gz", "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229",
            "t10k-labels-idx1-ubyte.gz", "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"),
            CLASS_NAMES, "on Debian/Ubuntu run `apt-get install dataset-fashion-mnist`");

    private FashionMnist() {
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
