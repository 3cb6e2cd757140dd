package io.github.dl4jrecipes.core.hardware;

import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ND4J's native memory from piling up while a network trains. ND4J frees an array's native
 * buffer only after the garbage collector has found its Java object dead, and a training step
 * makes hundreds of short-lived arrays whose Java objects are small: with the default heap (a
 * quarter of the machine's memory) the collector seldom runs, and the freed-but-not-yet-released
 * buffers grew the process by gigabytes (measured: {@code train tabular} on 500,000 rows reached
 * 2.5 GB resident in its first minutes of training and kept growing). A daemon thread reads the
 * process's resident set every {@value #POLL_MILLIS} ms and asks for a collection when it has grown
 * by more than {@link #GROWTH_BYTES} since the lowest point after the last one; the memory then
 * freed is reused by the next steps. A process that does not grow never collects.
 */
final class NativeMemoryGuard {

    private static final Logger log = LoggerFactory.getLogger(NativeMemoryGuard.class);
    /** How often the resident set is read: twice a second, far below a training step's garbage rate per GB. */
    static final long POLL_MILLIS = 500;
    /**
     * Growth of the resident set that triggers a collection: 64 MiB, a few seconds of a training
     * loop's garbage here (128 MiB let {@code train tabular} on 500,000 rows peak at 995 MiB).
     */
    static final long GROWTH_BYTES = 64L << 20;

    /** Set to {@code false} to run without the guard. */
    static final String SWITCH_PROPERTY = "dl4j.recipes.nativeMemoryGuard";

    private long baseline = Long.MAX_VALUE;

    /** Starts the guard thread (a daemon: it never keeps the JVM alive), unless switched off. */
    static void start() {
        if (!Boolean.parseBoolean(System.getProperty(SWITCH_PROPERTY, "true"))) {
            log.info("native memory guard off: -D{}=false", SWITCH_PROPERTY);
            return;
        }
        Thread thread = new Thread(NativeMemoryGuard::watch, "dl4j-recipes-native-memory");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch() {
        NativeMemoryGuard guard = new NativeMemoryGuard();
        try {
            while (true) {
                if (guard.shouldCollect(Pointer.physicalBytes())) {
                    System.gc();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            log.warn("native memory guard stopped: {}", e.toString());
        }
    }

    /**
     * Whether a process now resident at {@code rss} bytes should collect: it grew by more than
     * {@link #GROWTH_BYTES} above the lowest reading since the last collection (which this
     * answer, when yes, starts anew).
     */
    boolean shouldCollect(long rss) {
        if (rss > baseline && rss - baseline > GROWTH_BYTES) {
            baseline = Long.MAX_VALUE;
            return true;
        }
        baseline = Math.min(baseline, rss);
        return false;
    }
}
