package io.github.dl4jrecipes.cpu;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import io.github.dl4jrecipes.core.hardware.Backend;
import io.github.dl4jrecipes.core.hardware.CpuBinaries;
import io.github.dl4jrecipes.core.hardware.CpuBinary;
import io.github.dl4jrecipes.core.hardware.CpuBinaryChoice;
import io.github.dl4jrecipes.core.hardware.Hardware;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With this module on the class path and no code in the application, ND4J loads the build that
 * libnd4j itself judges optimal for this CPU ({@code optimalLevel()}, its own CPUID check: an
 * independent route from our reading of {@code /proc/cpuinfo}), and a forced build is honoured.
 */
class CpuBinarySelectionTest {

    @Test
    void theFirstNd4jCallLoadsTheBuildLibnd4jCallsOptimalForThisCpu() {
        Nd4j.create(1);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();

        CpuBinaryChoice choice = CpuBinaries.selected().orElseThrow(() -> new AssertionError(
                "the hook did not run before ND4J loaded"));
        assertEquals(ops.optimalLevel(), ops.binaryLevel(), "the loaded build is the best this CPU runs: " + choice);
        assertTrue(ops.buildInfo().contains("HAVE_ONEDNN"), "a oneDNN build");
        assertTrue(loadedFrom("jnind4jcpu").contains("linux-x86_64" + choice.binary().extension() + "/"),
                loadedFrom("jnind4jcpu"));
    }

    @Test
    void aForcedBuildIsLoadedInsteadInAFreshJvm() throws Exception {
        assertEquals("2 true", lastLine(childReport("onednn-avx2")));
        assertEquals("1 true", lastLine(childReport("onednn")));
    }

    @Test
    void withoutOneDnnTheSetUpSaysInOneLineWhyTheFastPathIsOffAndHowToTurnItOn() throws Exception {
        String out = childReport("generic");
        assertEquals("1 false", lastLine(out));
        List<String> lines = out.lines().filter(l -> l.contains("CPU fast path off")).toList();
        assertEquals(1, lines.size(), out);
        assertTrue(lines.get(0).contains("The loaded ND4J binary has no oneDNN"), lines.get(0));
        assertTrue(lines.get(0).contains("depend on io.github.dl4jrecipes:dl4j-recipes-cpu"), lines.get(0));
    }

    @Test
    void theHookPutsThePassivePoliciesIntoTheCEnvironmentBeforeLibgompAndOpenBlasLoad() throws Exception {
        String out = child(Map.of(), WaitPolicy.class);
        assertEquals("PASSIVE 4", lastLine(out));
        assertTrue(out.contains("OpenMP    wait policy OMP_WAIT_POLICY=PASSIVE, set by dl4j-recipes"), out);
        assertTrue(out.contains("; OPENBLAS_THREAD_TIMEOUT=4, set by dl4j-recipes"), out);
    }

    @Test
    void aWaitPolicyFromTheEnvironmentIsKept() throws Exception {
        String out = child(Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "20"), WaitPolicy.class);
        assertEquals("ACTIVE 20", lastLine(out));
        assertTrue(out.contains("OpenMP    wait policy OMP_WAIT_POLICY=ACTIVE from the environment, kept; "
                + "OPENBLAS_THREAD_TIMEOUT=20 from the environment, kept"), out);
    }

    private static String lastLine(String out) {
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }

    private static String loadedFrom(String library) {
        return Loader.getLoadedLibraries().entrySet().stream()
                .filter(e -> e.getKey().contains(library)).map(e -> e.getValue()).findFirst().orElse("not loaded");
    }

    /** Runs {@link Report} in a child JVM with the build forced; its output ends with: binary level, oneDNN. */
    private static String childReport(String binary) throws IOException, InterruptedException {
        return child(Map.of(), Report.class, "-D" + CpuBinaries.BINARY_PROPERTY + "=" + binary);
    }

    /** Runs {@code main} in a child JVM without OpenMP or OpenBLAS timeout variables but {@code environment}; its output. */
    private static String child(Map<String, String> environment, Class<?> main, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(false);
        builder.environment().keySet().removeIf(k -> k.startsWith("OMP_") || k.startsWith("GOMP_")
                || k.endsWith("_THREAD_TIMEOUT"));
        builder.environment().putAll(environment);
        Process p = builder.start();
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The child: loads ND4J and prints the build's level and whether it has oneDNN. */
    public static final class Report {
        public static void main(String[] args) {
            Nd4j.create(1);
            Backend.setUp();
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            CpuBinary chosen = CpuBinaries.selected().orElseThrow().binary();
            if (chosen.oneDnn() != ops.buildInfo().contains("HAVE_ONEDNN")) {
                throw new AssertionError("chose " + chosen + " but loaded " + ops.buildInfo());
            }
            System.out.println(ops.binaryLevel() + " " + ops.buildInfo().contains("HAVE_ONEDNN"));
        }
    }

    /**
     * The child: loads ND4J, prints the hardware report, then OMP_WAIT_POLICY and OPENBLAS_THREAD_TIMEOUT as C
     * code reads them (getenv(3)).
     */
    public static final class WaitPolicy {
        public static void main(String[] args) {
            Nd4j.create(1);
            Backend.setUp();
            System.out.println(Hardware.report());
            Function getenv = NativeLibrary.getInstance("c").getFunction("getenv");
            System.out.println(getenv.invokeString(new Object[] {"OMP_WAIT_POLICY"}, false) + " "
                    + getenv.invokeString(new Object[] {"OPENBLAS_THREAD_TIMEOUT"}, false));
        }
    }
}
