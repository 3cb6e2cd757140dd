package io.github.dl4jrecipes.core.hardware;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The library's backend set-up, in one place and run once per JVM: today that is DL4J's oneDNN
 * layer helpers ({@link OneDnn#enable()}), which must be on before the layers are created, OpenMP's
 * wait policy ({@link OpenMpWaitPolicy#apply()}: a no-op when the {@code dl4j-recipes-cpu} hook set
 * it already, a log line when it is too late), and a guard that collects garbage when ND4J's native buffers pile up ({@link NativeMemoryGuard}). The
 * recipes run it lazily before they create their first network; an application that restores a
 * saved network without a recipe (a command line, a server) runs it once at start-up. Getters never
 * run it: {@link OneDnn#wanted()} says, without changing anything, what the set-up does here.
 *
 * <pre>{@code
 * Backend.setUp();                                 // first call sets up, later calls return at once
 * ComputationGraph net = ModelSerializer.restoreComputationGraph(file, false);
 * }</pre>
 */
public final class Backend {
    private static final Logger log = LoggerFactory.getLogger(Backend.class);
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private Backend() {
    }

    /** Sets the backend up on the first call in this JVM; later calls do nothing. Thread-safe. */
    public static void setUp() {
        if (DONE.compareAndSet(false, true)) {
            OpenMpWaitPolicy.apply();
            boolean oneDnn = OneDnn.enable();
            NativeMemoryGuard.start();
            log.debug("backend set up: oneDNN layer helpers {}, native memory guard on", oneDnn ? "on" : "off");
        }
    }
}
