package io.github.dl4jrecipes.core.train.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.function.BinaryOperator;

/**
 * The second wall around reading model files: DL4J calls that read a user's file (configuration
 * JSON, ND4J arrays, DL4J's normalizer format) run inside {@link #run}, where every
 * Java object stream the thread creates rejects every class. The first wall is
 * that our reader never opens one itself; this one catches a DL4J code path
 * that would.
 *
 * <p>Java lets a thread-scoped filter exist only through the JVM-wide filter factory
 * ({@link ObjectInputFilter.Config#setSerialFilterFactory}), which can be set once per JVM and only
 * before the first Java object stream is created. So on first use this class installs a
 * factory that rejects everything inside {@link #run} and, everywhere else, delegates to the
 * factory that was in place (the JDK's, honouring {@code jdk.serialFilter}), so nothing changes
 * outside a model load. Applications that set their own factory must do it before loading a
 * model, or pass {@code -Djdk.serialFilterFactory=...}: then ours is not installed, a warning says
 * so once, and loading still never deserializes (the first wall). Call {@link #install()} at
 * start-up to install it before anything else opens a Java object stream.
 */
public final class NoJavaDeserialization {

    private static final Logger LOG = LoggerFactory.getLogger(NoJavaDeserialization.class);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;
    private static boolean tried;
    private static volatile boolean installed;

    /** A call that reads from a file. */
    @FunctionalInterface
    public interface Read<T> {
        /** Does the read. */
        T call() throws IOException;
    }

    private NoJavaDeserialization() {
    }

    /**
     * Installs the filter factory once; later calls do nothing.
     *
     * @return whether the wall is in place
     */
    public static synchronized boolean install() {
        if (!tried) {
            tried = true;
            try {
                BinaryOperator<ObjectInputFilter> previous = ObjectInputFilter.Config.getSerialFilterFactory();
                ObjectInputFilter.Config.setSerialFilterFactory(
                        (current, next) -> INSIDE.get() ? REJECT_ALL : previous.apply(current, next));
                installed = true;
            } catch (IllegalStateException | SecurityException e) {
                LOG.warn("Could not install the filter that rejects Java deserialization while a model file is "
                        + "read ({}); model files are still read without Java deserialization.", e.getMessage());
            }
        }
        return installed;
    }

    /** Runs {@code read} with Java deserialization rejected on this thread. */
    public static <T> T run(Read<T> read) throws IOException {
        install();
        boolean outer = INSIDE.get();
        INSIDE.set(true);
        try {
            return read.call();
        } finally {
            INSIDE.set(outer);
        }
    }
}
