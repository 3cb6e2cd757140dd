package io.github.dl4jrecipes.core.hardware;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenMP's wait policy for ND4J's CPU natives: {@code OMP_WAIT_POLICY=PASSIVE} unless the
 * environment or {@code -D}{@value #PROPERTY} says otherwise, set in the process environment
 * before libgomp (loaded with libnd4j) reads it.
 *
 * <p>Why: oneDNN's convolutions run on libgomp's thread team, libnd4j's element-wise and broadcast
 * ops on libnd4j's own thread pool. With libgomp's default policy its idle threads spin after each
 * parallel region, taking the cores the next libnd4j op needs. On this project's 2-core AVX-512
 * machine (a Firecracker VM) 73% of a {@code small()} training profile was libgomp spinning
 * ({@code perf record}), and {@code small()} trained at 22–28 img/s with the default against
 * 171–290 img/s with {@code PASSIVE}, in the same minutes (a loaded machine, load average 14;
 * {@code bench} section {@code openmp} repeats this on a quiet one). PyTorch avoids the clash by
 * running all its ops on the one OpenMP team.
 *
 * <p>Rules, in order: {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} already in the environment
 * is kept; {@code -D}{@value #PROPERTY}{@code =default} leaves libgomp's default;
 * {@value #PASSIVE} (the default) or {@code active} is set. Setting it only works before ND4J loads
 * its natives: the {@code dl4j-recipes-cpu} start-up hook calls {@link #apply()} then, and
 * {@link Backend#setUp()} calls it again, which says in the log when it came too late.
 */
public final class OpenMpWaitPolicy {
    /** Our setting: {@value #PASSIVE} (default), {@value #ACTIVE} or {@value #LIBRARY_DEFAULT}. */
    public static final String PROPERTY = "dl4j.recipes.openmp.waitPolicy";
    /** Idle OpenMP threads sleep: the default, see the class comment for the measurement. */
    public static final String PASSIVE = "passive";
    /** Idle OpenMP threads spin. */
    public static final String ACTIVE = "active";
    /** Leave libgomp's own default (spin for a while, then sleep). */
    public static final String LIBRARY_DEFAULT = "default";
    /** The OpenMP standard's variable. */
    static final String WAIT_POLICY_VARIABLE = "OMP_WAIT_POLICY";
    /** libgomp's finer setting: with it set, the user has tuned spinning already. */
    static final String SPIN_COUNT_VARIABLE = "GOMP_SPINCOUNT";
    private static final Logger log = LoggerFactory.getLogger(OpenMpWaitPolicy.class);
    private static volatile Decision applied;

    /**
     * What to do and why.
     *
     * @param value  the value to put into {@code OMP_WAIT_POLICY}, or null to change nothing
     * @param reason one sentence for the hardware report
     * @param late   whether the natives were loaded before the policy could be set
     */
    record Decision(String value, String reason, boolean late) {
    }

    private OpenMpWaitPolicy() {
    }

    /**
     * Applies the policy once per JVM (later calls return the first result). Never throws; a bad
     * {@value #PROPERTY} is logged as an error naming the setting and the fix, and the default used.
     *
     * @return one sentence: the policy in force and why
     */
    public static synchronized String apply() {
        if (applied != null) {
            return applied.reason();
        }
        Decision decision;
        try {
            decision = decide(System.getenv(), System.getProperty(PROPERTY, PASSIVE), CpuBinaries.loadedAlready());
        } catch (IllegalArgumentException e) {
            log.error("{}; using {}", e.getMessage(), PASSIVE);
            decision = decide(System.getenv(), PASSIVE, CpuBinaries.loadedAlready());
        }
        if (decision.value() != null && !setenv(decision.value())) {
            decision = new Decision(null, "libgomp's default (" + WAIT_POLICY_VARIABLE + " could not be set on "
                    + System.getProperty("os.name") + "; set " + WAIT_POLICY_VARIABLE + "=PASSIVE before the JVM starts)",
                    false);
        }
        applied = decision;
        if (decision.late()) {
            log.info("CPU threads: {}", decision.reason());
        } else {
            log.debug("CPU threads: OpenMP wait policy {}", decision.reason());
        }
        return decision.reason();
    }

    /** What {@link #apply()} decided in this JVM, if it ran. */
    public static Optional<String> applied() {
        Decision d = applied;
        return d == null ? Optional.empty() : Optional.of(d.reason());
    }

    /**
     * The decision for a process environment, a {@value #PROPERTY} value and whether ND4J's
     * natives (and with them libgomp) are loaded already. Changes nothing.
     *
     * @throws IllegalArgumentException for an unknown {@value #PROPERTY} value, naming it and the choices
     */
    static Decision decide(Map<String, String> environment, String setting, boolean nativesLoaded) {
        String wanted = setting.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals(PASSIVE) && !wanted.equals(ACTIVE) && !wanted.equals(LIBRARY_DEFAULT)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "-D%s=%s is not a wait policy; use %s "
                    + "(the default), %s or %s", PROPERTY, setting, PASSIVE, ACTIVE, LIBRARY_DEFAULT));
        }
        for (String variable : new String[] {WAIT_POLICY_VARIABLE, SPIN_COUNT_VARIABLE}) {
            String value = environment.get(variable);
            if (value != null) {
                return new Decision(null, variable + "=" + value + " from the environment, kept", false);
            }
        }
        if (wanted.equals(LIBRARY_DEFAULT)) {
            return new Decision(null, "libgomp's default (-D" + PROPERTY + "=" + LIBRARY_DEFAULT + ")", false);
        }
        String value = wanted.toUpperCase(Locale.ROOT);
        if (nativesLoaded) {
            return new Decision(null, "libgomp's default: ND4J's natives were loaded before " + WAIT_POLICY_VARIABLE
                    + "=" + value + " could be set (too late); depend on io.github.dl4jrecipes:dl4j-recipes-cpu, "
                    + "or start the JVM with " + WAIT_POLICY_VARIABLE + "=" + value + " in the environment", true);
        }
        return new Decision(value, WAIT_POLICY_VARIABLE + "=" + value + ", set by dl4j-recipes"
                + (wanted.equals(PASSIVE) ? " (idle OpenMP threads sleep instead of taking libnd4j's cores)" : ""), false);
    }

    /** {@code setenv(3)} through JNA: the C environment libgomp reads, not Java's copy of it. */
    private static boolean setenv(String value) {
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            return setenv.invokeInt(new Object[] {WAIT_POLICY_VARIABLE, value, 1}) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
