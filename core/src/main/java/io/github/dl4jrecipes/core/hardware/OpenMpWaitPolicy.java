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
 * <p>The same policy covers OpenBLAS's own (pthreads) pool, which serves dense layers' matrix products:
 * after each call its idle workers spin on {@code sched_yield} for 2^28 cycles (~0.1 s) before they
 * sleep, so between two training steps they hold a core too. {@value #PASSIVE} also sets
 * {@code OPENBLAS_THREAD_TIMEOUT=}{@value #OPENBLAS_TIMEOUT} (OpenBLAS's minimum, 2^4 cycles): in a
 * {@code small()} profile the spinning worker took 30% of the samples, and {@code small()} trained
 * ~10% faster without it while the MLP 784-256-128-10 (matrix products back to back) kept its speed
 * (two alternating quiet runs each; {@code bench} section {@code openmp} measures both together).
 * {@code OPENBLAS_THREAD_TIMEOUT} or {@code GOTO_THREAD_TIMEOUT} in the environment is kept.
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
    /** OpenBLAS's spin time of idle workers, 2^N cycles (4 to 30; built-in 28). */
    static final String OPENBLAS_TIMEOUT_VARIABLE = "OPENBLAS_THREAD_TIMEOUT";
    /** OpenBLAS's older name for the same setting. */
    static final String GOTO_TIMEOUT_VARIABLE = "GOTO_THREAD_TIMEOUT";
    /** The smallest timeout OpenBLAS accepts: idle workers sleep almost at once. */
    static final String OPENBLAS_TIMEOUT = "4";
    private static final Logger log = LoggerFactory.getLogger(OpenMpWaitPolicy.class);
    /** The sentence {@link #apply()} returned, once it ran. */
    private static volatile String applied;

    /**
     * What to do with one environment variable, and why.
     *
     * @param variable the variable
     * @param value    the value to put into it, or null to change nothing
     * @param reason   one sentence for the hardware report
     * @param late     whether the natives were loaded before the policy could be set
     */
    record Decision(String variable, String value, String reason, boolean late) {
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
            return applied;
        }
        String setting = System.getProperty(PROPERTY, PASSIVE);
        boolean loaded = CpuBinaries.loadedAlready();
        Decision openMp;
        try {
            openMp = decide(System.getenv(), setting, loaded);
        } catch (IllegalArgumentException e) {
            log.error("{}; using {}", e.getMessage(), PASSIVE);
            setting = PASSIVE;
            openMp = decide(System.getenv(), setting, loaded);
        }
        Decision openBlas = decideOpenBlas(System.getenv(), setting, loaded);
        applied = set(openMp).reason() + "; " + set(openBlas).reason();
        if (openMp.late() || openBlas.late()) {
            log.info("CPU threads: {}", applied);
        } else {
            log.debug("CPU threads: {}", applied);
        }
        return applied;
    }

    /** Sets the decision's variable; the decision, or one saying why it could not be set. */
    private static Decision set(Decision decision) {
        if (decision.value() == null || setenv(decision.variable(), decision.value())) {
            return decision;
        }
        return new Decision(decision.variable(), null, decision.variable() + " could not be set on "
                + System.getProperty("os.name") + "; set " + decision.variable() + "=" + decision.value()
                + " before the JVM starts", false);
    }

    /** What {@link #apply()} decided in this JVM, if it ran. */
    public static Optional<String> applied() {
        return Optional.ofNullable(applied);
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
        Optional<Decision> kept = keptFromEnvironment(environment, WAIT_POLICY_VARIABLE, SPIN_COUNT_VARIABLE);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (wanted.equals(LIBRARY_DEFAULT)) {
            return new Decision(WAIT_POLICY_VARIABLE, null, "libgomp's default (-D" + PROPERTY + "=" + LIBRARY_DEFAULT
                    + ")", false);
        }
        return setOrLate(WAIT_POLICY_VARIABLE, wanted.toUpperCase(Locale.ROOT), "libgomp's default", nativesLoaded,
                wanted.equals(PASSIVE) ? " (idle OpenMP threads sleep instead of taking libnd4j's cores)" : "");
    }

    /**
     * The decision for OpenBLAS's idle workers: {@value #OPENBLAS_TIMEOUT} under {@value #PASSIVE}, its own
     * default otherwise. {@code setting} has passed {@link #decide}. Changes nothing.
     */
    static Decision decideOpenBlas(Map<String, String> environment, String setting, boolean nativesLoaded) {
        Optional<Decision> kept = keptFromEnvironment(environment, OPENBLAS_TIMEOUT_VARIABLE, GOTO_TIMEOUT_VARIABLE);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (!setting.trim().equalsIgnoreCase(PASSIVE)) {
            return new Decision(OPENBLAS_TIMEOUT_VARIABLE, null, "OpenBLAS's default thread timeout (-D" + PROPERTY
                    + "=" + setting.trim() + ")", false);
        }
        return setOrLate(OPENBLAS_TIMEOUT_VARIABLE, OPENBLAS_TIMEOUT, "OpenBLAS's default thread timeout",
                nativesLoaded, " (idle OpenBLAS threads sleep after 2^4 cycles instead of spinning for 2^28)");
    }

    private static Optional<Decision> keptFromEnvironment(Map<String, String> environment, String... variables) {
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value != null) {
                return Optional.of(new Decision(variable, null, variable + "=" + value + " from the environment, kept",
                        false));
            }
        }
        return Optional.empty();
    }

    private static Decision setOrLate(String variable, String value, String fallback, boolean nativesLoaded,
                                      String why) {
        if (nativesLoaded) {
            return new Decision(variable, null, fallback + ": ND4J's natives were loaded before " + variable + "="
                    + value + " could be set (too late); depend on io.github.dl4jrecipes:dl4j-recipes-cpu, or start "
                    + "the JVM with " + variable + "=" + value + " in the environment", true);
        }
        return new Decision(variable, value, variable + "=" + value + ", set by dl4j-recipes" + why, false);
    }

    /** {@code setenv(3)} through JNA: the C environment libgomp and OpenBLAS read, not Java's copy of it. */
    private static boolean setenv(String variable, String value) {
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            return setenv.invokeInt(new Object[] {variable, value, 1}) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
