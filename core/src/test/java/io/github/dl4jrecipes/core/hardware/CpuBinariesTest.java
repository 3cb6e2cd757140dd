package io.github.dl4jrecipes.core.hardware;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuBinariesTest {
    /** Flags of an SSE4-only x86-64 CPU (no AVX). */
    private static final Set<String> OLD = Set.of("fpu", "sse", "sse2", "ssse3", "sse4_1", "sse4_2", "popcnt");
    /** A Haswell/Zen-3-style CPU: AVX2 with FMA and F16C, no AVX-512. */
    private static final Set<String> HASWELL = with(OLD, "avx", "avx2", "fma", "f16c", "bmi2");
    /** A Zen 4/5 or Skylake-SP style CPU. */
    private static final Set<String> SKYLAKE_X = with(HASWELL, "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<CpuBinary> DL4J_RECIPES_CPU =
            EnumSet.of(CpuBinary.ONEDNN, CpuBinary.ONEDNN_AVX2, CpuBinary.ONEDNN_AVX512, CpuBinary.GENERIC);

    @Test
    void eachCpuGetsTheWidestOneDnnBuildItCanRun() {
        assertEquals(CpuBinary.ONEDNN_AVX512, auto(SKYLAKE_X, DL4J_RECIPES_CPU).binary());
        assertEquals(CpuBinary.ONEDNN_AVX2, auto(HASWELL, DL4J_RECIPES_CPU).binary());
        assertEquals(CpuBinary.ONEDNN, auto(OLD, DL4J_RECIPES_CPU).binary());
    }

    @Test
    void avx2WithoutFmaOrAvx512WithoutOneOfItsPartsIsNotEnough() {
        Set<String> avx2NoFma = new HashSet<>(HASWELL);
        avx2NoFma.remove("fma");
        assertEquals(CpuBinary.ONEDNN, auto(avx2NoFma, DL4J_RECIPES_CPU).binary());

        Set<String> knightsLanding = new HashSet<>(SKYLAKE_X);   // AVX-512 F/CD without BW/DQ/VL
        knightsLanding.removeAll(Set.of("avx512bw", "avx512dq", "avx512vl"));
        assertEquals(CpuBinary.ONEDNN_AVX2, auto(knightsLanding, DL4J_RECIPES_CPU).binary());
    }

    @Test
    void aMissingBuildFallsToTheNextThatIsPresentAndSaysWhichJarToAdd() {
        CpuBinaryChoice c = auto(SKYLAKE_X, EnumSet.of(CpuBinary.ONEDNN, CpuBinary.GENERIC));
        assertEquals(CpuBinary.ONEDNN, c.binary());
        assertEquals(SimdLevel.AVX512, c.cpuLevel());
        assertTrue(c.reason().contains("onednn-avx512 build is not on the class path"), c.reason());
        assertTrue(c.reason().contains("dl4j-recipes-cpu"), c.reason());
        assertTrue(c.reason().contains("linux-x86_64-onednn-avx512"), c.reason());

        assertEquals(CpuBinary.GENERIC, auto(HASWELL, EnumSet.of(CpuBinary.GENERIC)).binary());
        assertEquals(CpuBinary.AVX2, auto(HASWELL, EnumSet.of(CpuBinary.GENERIC, CpuBinary.AVX2)).binary());
    }

    @Test
    void unreadableFlagsMeanTheBaselineBuild() {
        CpuBinaryChoice c = CpuBinaries.choose(Optional.empty(), DL4J_RECIPES_CPU, "auto", null);
        assertEquals(CpuBinary.ONEDNN, c.binary());
        assertTrue(c.reason().contains("cannot be read"), c.reason());
        assertTrue(c.reason().contains("-D" + CpuBinaries.BINARY_PROPERTY + "=onednn-avx2"), c.reason());
    }

    @Test
    void aForcedBuildIsTakenWhenTheCpuRunsItAndItsJarIsThere() {
        CpuBinaryChoice c = CpuBinaries.choose(Optional.of(SKYLAKE_X), DL4J_RECIPES_CPU, "onednn-avx2", null);
        assertEquals(CpuBinary.ONEDNN_AVX2, c.binary());
        assertEquals("forced with -Ddl4j.recipes.cpu.binary=onednn-avx2", c.reason());
        assertEquals(CpuBinary.GENERIC,
                CpuBinaries.choose(Optional.of(SKYLAKE_X), DL4J_RECIPES_CPU, "generic", null).binary());
    }

    @Test
    void aForcedBuildTheCpuCannotRunIsRefusedNamingTheSettingAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuBinaries.choose(Optional.of(HASWELL), DL4J_RECIPES_CPU, "onednn-avx512", null));
        assertTrue(e.getMessage().startsWith("-Ddl4j.recipes.cpu.binary=onednn-avx512 needs AVX512"), e.getMessage());
        assertTrue(e.getMessage().contains("illegal instruction"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use auto or onednn-avx2"), e.getMessage());
    }

    @Test
    void anUnknownOrMissingForcedBuildIsRefusedNamingTheSettingAndTheFix() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CpuBinaries.choose(Optional.of(HASWELL), DL4J_RECIPES_CPU, "avx3", null));
        assertTrue(unknown.getMessage().startsWith("-Ddl4j.recipes.cpu.binary=avx3 is not a CPU binary"),
                unknown.getMessage());
        assertTrue(unknown.getMessage().contains("onednn-avx512, onednn-avx2, onednn, avx512, avx2, generic"),
                unknown.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CpuBinaries.choose(Optional.of(HASWELL), DL4J_RECIPES_CPU, "avx2", null));
        assertTrue(missing.getMessage().contains("classifier linux-x86_64-avx2) is not on the class path"),
                missing.getMessage());
    }

    @Test
    void anApplicationsOwnJavaCppExtensionIsKept() {
        CpuBinaryChoice c = CpuBinaries.choose(Optional.of(SKYLAKE_X), DL4J_RECIPES_CPU, "auto", "-onednn-avx2");
        assertEquals(CpuBinary.ONEDNN_AVX2, c.binary());
        assertTrue(c.reason().contains("set by the application is kept"), c.reason());
    }

    @Test
    void levelsFollowLibnd4jsRequirements() {
        assertEquals(SimdLevel.X86_64, CpuBinary.levelOf(OLD));
        assertEquals(SimdLevel.AVX2, CpuBinary.levelOf(HASWELL));
        assertEquals(SimdLevel.AVX512, CpuBinary.levelOf(SKYLAKE_X));
        assertFalse(CpuBinary.levelOf(Set.of("avx512f")).compareTo(SimdLevel.X86_64) > 0);
    }

    private static CpuBinaryChoice auto(Set<String> flags, Set<CpuBinary> present) {
        return CpuBinaries.choose(Optional.of(flags), present, "auto", null);
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> s = new HashSet<>(base);
        s.addAll(Set.of(more));
        return Set.copyOf(s);
    }
}
