package io.github.dl4jrecipes.core.train.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Our own small JSON format for the normalizers a model carries, instead of DL4J's
 * {@code normalizer.bin}: reading it builds the normalizer from numbers, never from a class name
 * found in the file. Supported: {@link NormalizerStandardize}, {@link NormalizerMinMaxScaler}
 * and {@link ImagePreProcessingScaler}, feature statistics only (what this project's recipes and
 * data loaders use).
 */
public final class NormalizerJson {

    /** The stored form; the "type" property names one of the three records. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Standardize.class, name = "standardize"),
            @JsonSubTypes.Type(value = MinMax.class, name = "minMax"),
            @JsonSubTypes.Type(value = ImageScaler.class, name = "imageScaler")})
    sealed interface Stored permits Standardize, MinMax, ImageScaler {
    }

    /**
     * An array with its shape and data type; the values as doubles (exact for float data).
     *
     * @param dataType ND4J data type name
     * @param shape    the shape
     * @param values   the values in row-major order
     */
    record Tensor(String dataType, long[] shape, double[] values) {

        static Tensor of(INDArray array) {
            return new Tensor(array.dataType().name(), array.shape(), array.dup('c').castTo(DataType.DOUBLE)
                    .data().asDouble());
        }

        INDArray array() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("normalizer array of shape " + java.util.Arrays.toString(shape)
                        + " holds " + values.length + " values");
            }
            return Nd4j.create(values, shape, 'c').castTo(DataType.valueOf(dataType));
        }
    }

    /** {@link NormalizerStandardize}: per-feature mean and standard deviation. */
    record Standardize(Tensor mean, Tensor std) implements Stored {
    }

    /** {@link NormalizerMinMaxScaler}: target range and per-feature minimum and maximum. */
    record MinMax(double targetMin, double targetMax, Tensor min, Tensor max) implements Stored {
    }

    /** {@link ImagePreProcessingScaler}: target range and pixel bit depth. */
    record ImageScaler(double minRange, double maxRange, int maxBits) implements Stored {
    }

    private NormalizerJson() {
    }

    /**
     * Checks that {@code normalizer} can be saved, before any work is done.
     *
     * @throws IllegalArgumentException naming the type and the supported ones when it cannot
     */
    public static void checkSupported(Normalizer<?> normalizer) {
        if (normalizer != null) {
            stored(normalizer);
        }
    }

    /** The normalizer as JSON. */
    public static String toJson(Normalizer<?> normalizer) {
        try {
            return Json.MAPPER.writerFor(Stored.class).writeValueAsString(stored(normalizer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("normalizer could not be written as JSON", e);
        }
    }

    /**
     * Builds the normalizer {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when the text is not such a normalizer
     */
    public static DataNormalization fromJson(String json) {
        Stored stored;
        try {
            stored = Json.MAPPER.readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a dl4j-recipes normalizer (" + e.getOriginalMessage() + ")", e);
        }
        if (stored instanceof Standardize s) {
            return new NormalizerStandardize(s.mean().array(), s.std().array());
        }
        if (stored instanceof MinMax m) {
            NormalizerMinMaxScaler scaler = new NormalizerMinMaxScaler(m.targetMin(), m.targetMax());
            scaler.setFeatureStats(m.min().array(), m.max().array());
            return scaler;
        }
        ImageScaler i = (ImageScaler) stored;
        return new ImagePreProcessingScaler(i.minRange(), i.maxRange(), i.maxBits());
    }

    private static Stored stored(Normalizer<?> normalizer) {
        if (normalizer instanceof NormalizerStandardize s && !s.isFitLabel()) {
            return new Standardize(Tensor.of(s.getMean()), Tensor.of(s.getStd()));
        }
        if (normalizer instanceof NormalizerMinMaxScaler m && !m.isFitLabel()) {
            return new MinMax(m.getTargetMin(), m.getTargetMax(), Tensor.of(m.getMin()), Tensor.of(m.getMax()));
        }
        if (normalizer instanceof ImagePreProcessingScaler i && !i.isFitLabel()) {
            return new ImageScaler(i.getMinRange(), i.getMaxRange(), i.getMaxBits());
        }
        throw new IllegalArgumentException("normalizer: a " + normalizer.getClass().getSimpleName()
                + (normalizer instanceof org.nd4j.linalg.dataset.api.preprocessor.AbstractDataSetNormalizer<?> a
                && a.isFitLabel() ? " that also normalizes labels" : "")
                + " cannot be saved with a model; fix: use NormalizerStandardize, NormalizerMinMaxScaler or "
                + "ImagePreProcessingScaler on features only.");
    }
}
