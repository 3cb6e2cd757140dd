package org.nd4j.nativeblas;

import io.github.dl4jrecipes.core.hardware.OneDnn;

/**
 * Compatibility shim, not API: restores the class name DL4J 1.0.0-M2.1 looks up to decide whether
 * its oneDNN layer helpers may run.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} loads {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * by name and calls {@code getInstance().isUseMKLDNN()}. In ND4J M2.1 that class moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}, so the lookup fails and the helpers are
 * never used, even on the {@code -onednn} binaries that contain oneDNN. This class answers the
 * lookup by asking {@link OneDnn#available()}, which checks the loaded binary's build flags and
 * the backend's own switch.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The nested type DL4J reflects on. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** Called reflectively by DL4J. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Called reflectively by DL4J: true when oneDNN kernels can serve its layer helpers. */
        public boolean isUseMKLDNN() {
            return OneDnn.available();
        }
    }
}
