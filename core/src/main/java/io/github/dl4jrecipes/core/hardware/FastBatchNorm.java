package io.github.dl4jrecipes.core.hardware;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * The CPU fast path for batch normalization: gives every NCHW (or dense) DL4J
 * {@link BatchNormalization} layer of a network our {@code ChannelBatchNormHelper}, which computes
 * the same function in about half the time of DL4J's oneDNN helper on this project's benchmark
 * machine (see its javadoc and {@code bench/RESULTS.md}). Layers with locked γ/β or NHWC
 * activations keep DL4J's implementation; on a GPU backend cuDNN's helper is left in place.
 *
 * <p>The configuration is untouched (a saved model is plain DL4J); the helper is a runtime
 * property of the layer object, so it is installed again after loading or copying a network.
 * Every recipe does this through {@link FastPath#install(Model)}, which users of plain DL4J can call
 * after {@code init()}. Opt out with {@code -D}{@value #SWITCH_PROPERTY}{@code =false}.
 */
public final class FastBatchNorm {
    /** Our switch: set to {@code false} to keep DL4J's batch-norm implementation. */
    public static final String SWITCH_PROPERTY = "dl4j.recipes.fastBatchNorm";
    /** DL4J keeps the layer's helper in this package-private field, set in its constructor. */
    private static final String HELPER_FIELD = "helper";
    private static final Logger log = LoggerFactory.getLogger(FastBatchNorm.class);
    private static final Field HELPER = helperField();

    private FastBatchNorm() {
    }

    /**
     * Installs the helper in the batch-norm layers of {@code network}.
     *
     * @param network a {@link MultiLayerNetwork} or {@link ComputationGraph} after {@code init()}
     * @return how many layers now use it (0 when switched off, on a GPU, or for other models)
     */
    public static int install(Model network) {
        if (!enabled()) {
            return 0;
        }
        int installed = 0;
        for (Layer layer : FastPath.layersOf(network)) {
            if (FastPath.unwrapped(layer) instanceof BatchNormalization bn && supports(bn) && setHelper(bn)) {
                installed++;
            }
        }
        return installed;
    }

    /** Whether {@link #install(Model)} installs the helper: a CPU backend and the switch not off. */
    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(SWITCH_PROPERTY, "true")) && Nd4j.getEnvironment().isCPU();
    }

    private static boolean supports(BatchNormalization layer) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf = layer.layerConf();
        return !conf.isLockGammaBeta() && conf.getCnn2DFormat() == CNN2DFormat.NCHW;
    }

    private static boolean setHelper(BatchNormalization layer) {
        if (HELPER == null) {
            return false;
        }
        try {
            HELPER.set(layer, new ChannelBatchNormHelper());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("cannot install the batch-norm helper; DL4J's implementation stays", e);
            return false;
        }
    }

    /** DL4J's helper field, looked up once; null when this DL4J version has none to set. */
    private static Field helperField() {
        try {
            Field field = BatchNormalization.class.getDeclaredField(HELPER_FIELD);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("DL4J's batch-norm layer has no settable '{}' field; its implementation stays", HELPER_FIELD, e);
            return null;
        }
    }
}
