package io.github.dl4jrecipes.core.hardware;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * The CPU fast path: DL4J's oneDNN layer helpers on ND4J's {@code -onednn} binaries.
 *
 * <p>DL4J 1.0.0-M2.1 ships oneDNN-backed helpers for convolution, subsampling, batch norm and LRN
 * but never uses them: they are off unless the system property {@value #HELPERS_DISABLE_PROPERTY}
 * is {@code false}, and even then DL4J's availability check looks for a class ND4J has moved (the
 * shim {@link org.nd4j.nativeblas.Nd4jCpu} restores it). {@link #enable()} turns them on when the
 * loaded binary contains oneDNN; the library calls it once through {@link Backend#setUp()}, and
 * users of plain DL4J can call either.
 *
 * <p>Opt out with {@code -D}{@value #SWITCH_PROPERTY}{@code =false}.
 */
public final class OneDnn {
    /** DL4J's switch for all layer helpers (cuDNN and oneDNN); DL4J's default is {@code true}. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Our switch: set to {@code false} to keep DL4J's built-in layer implementations. */
    public static final String SWITCH_PROPERTY = "dl4j.recipes.onednn";
    /** The flag libnd4j's {@code buildInfo()} lists when it was compiled with oneDNN. */
    static final String BUILD_FLAG = "HAVE_ONEDNN";
    private static final String BACKEND_ENVIRONMENT =
            "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
    /** What to do when the loaded binary has no oneDNN: one sentence, for logs and hints. */
    static final String MISSING_FIX = "The loaded ND4J binary has no oneDNN, so convolution layers train "
            + "several times slower: depend on io.github.dl4jrecipes:dl4j-recipes-cpu instead of "
            + "nd4j-native (it brings the oneDNN builds and loads the best one for this CPU), or use "
            + "nd4j-native's linux-x86_64-onednn classifier.";
    private static final Logger log = LoggerFactory.getLogger(OneDnn.class);

    private OneDnn() {
    }

    /**
     * Turns DL4J's oneDNN layer helpers on for layers created from now on, when {@link #available()}
     * and not switched off. Idempotent.
     *
     * @return whether the helpers are now on
     */
    public static boolean enable() {
        if (!wanted()) {
            if (!Nd4j.getEnvironment().isCPU()) {
                log.debug("oneDNN helpers not used: not the CPU backend");
            } else if (inBinary() && backendSwitchOn()) {
                log.info("CPU fast path off: {}", whyOff());
            } else {
                log.warn("CPU fast path off: {}", whyOff());
            }
            return false;
        }
        if (!"false".equals(System.getProperty(HELPERS_DISABLE_PROPERTY))) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
            log.info("oneDNN layer helpers enabled (conv, pooling, batch norm, LRN)");
        }
        return true;
    }

    /**
     * Whether {@link #enable()} turns the helpers on here: not switched off with
     * {@value #SWITCH_PROPERTY}{@code =false}, and {@link #available()}. Changes nothing.
     */
    public static boolean wanted() {
        return Boolean.parseBoolean(System.getProperty(SWITCH_PROPERTY, "true")) && available();
    }

    /**
     * Why {@link #wanted()} is false here, with the fix: one sentence. Only meaningful when it is.
     */
    static String whyOff() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return "not the CPU backend (oneDNN helpers are for the CPU; cuDNN serves the GPU)";
        }
        if (!Boolean.parseBoolean(System.getProperty(SWITCH_PROPERTY, "true"))) {
            return "DL4J's oneDNN layer helpers are switched off with -D" + SWITCH_PROPERTY
                    + "=false; remove it to turn them on";
        }
        if (!inBinary()) {
            return MISSING_FIX;
        }
        if (!backendSwitchOn()) {
            return "ND4J's own oneDNN switch is off (Nd4j.getEnvironment().setUseONEDNN(false) was called): "
                    + "set it back to true before building networks";
        }
        return "oneDNN is available";
    }

    /** Whether DL4J's helpers are switched on for layers created from now on. */
    public static boolean active() {
        return available() && "false".equals(System.getProperty(HELPERS_DISABLE_PROPERTY));
    }

    /**
     * Whether the loaded ND4J binary is a CPU build that contains oneDNN, with the backend's own
     * oneDNN switch on.
     */
    public static boolean available() {
        return inBinary() && backendSwitchOn();
    }

    /** Whether the loaded ND4J binary is a CPU build compiled with oneDNN. */
    private static boolean inBinary() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        String buildInfo = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return buildInfo != null && buildInfo.contains(BUILD_FLAG);
    }

    /** ND4J's {@code Environment.isUseONEDNN()}, read by reflection: core never links a backend. */
    private static boolean backendSwitchOn() {
        try {
            Class<?> env = Class.forName(BACKEND_ENVIRONMENT);
            Object instance = env.getMethod("getInstance").invoke(null);
            Method isUse = env.getMethod("isUseONEDNN");
            return (Boolean) isUse.invoke(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("cannot read ND4J's oneDNN switch", e);
            return false;
        }
    }
}
