package io.github.dl4jrecipes.core.hardware;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareTest {

    @Test
    void reportsTheCpuBackendTheTestsRunOn() {
        Hardware hw = Hardware.report();

        assertEquals(Hardware.Backend.CPU, hw.backend());
        assertEquals("CpuBackend", hw.backendClass());
        assertEquals(1, hw.devices().size());
        assertTrue(hw.devices().get(0).totalBytes() > 0, "physical memory is read");
        assertEquals(Runtime.getRuntime().availableProcessors(), hw.cpuCores());
        assertTrue(hw.nd4jThreads() >= 1);
        assertEquals("OPENBLAS", hw.blasVendor());
        assertTrue(hw.blasThreads() >= 1);
        assertFalse(hw.blasCore().isEmpty(), "OpenBLAS is asked for its core type");
        assertTrue(hw.binarySimd().compareTo(SimdLevel.GENERIC) >= 0);
        assertTrue(hw.cpuSimd().compareTo(hw.binarySimd()) >= 0,
                "a binary that runs at all needs no more than the CPU offers");
        assertFalse(hw.toString().isBlank());
        assertTrue(hw.toString().contains("CPU"));
    }

    @Test
    void hintsAtTheBinaryMatchingTheCpu() {
        Hardware slow = sample(SimdLevel.X86_64, SimdLevel.AVX512, 2);
        assertEquals(1, slow.hints().size());
        assertTrue(slow.hints().get(0).contains("dl4j-recipes-cpu"), slow.hints().get(0));
        assertTrue(slow.hints().get(0).contains("linux-x86_64-onednn-avx512"), slow.hints().get(0));

        Hardware matched = sample(SimdLevel.AVX512, SimdLevel.AVX512, 2);
        assertTrue(matched.hints().isEmpty(), matched.hints().toString());
    }

    @Test
    void hintsAtTheOneDnnBinaryAndAtEnablingIt() {
        Hardware missing = sample(SimdLevel.AVX2, SimdLevel.AVX2, 2, "Haswell", Hardware.OneDnnState.MISSING);
        assertEquals(1, missing.hints().size());
        assertTrue(missing.hints().get(0).contains("dl4j-recipes-cpu"), missing.hints().get(0));

        Hardware off = sample(SimdLevel.AVX2, SimdLevel.AVX2, 2, "Haswell", Hardware.OneDnnState.AVAILABLE);
        assertEquals(1, off.hints().size());
        assertTrue(off.hints().get(0).contains("OneDnn.enable()"), off.hints().get(0));
    }

    @Test
    void hintsAtOpenBlasFallbackKernels() {
        Hardware avx512 = sample(SimdLevel.AVX512, SimdLevel.AVX512, 2, "Prescott", Hardware.OneDnnState.ACTIVE);
        assertEquals(1, avx512.hints().size());
        assertTrue(avx512.hints().get(0).contains("OPENBLAS_CORETYPE=SkylakeX"), avx512.hints().get(0));

        Hardware avx2 = sample(SimdLevel.AVX2, SimdLevel.AVX2, 2, "Prescott", Hardware.OneDnnState.ACTIVE);
        assertTrue(avx2.hints().get(0).contains("OPENBLAS_CORETYPE=Haswell"), avx2.hints().get(0));
    }

    @Test
    void hintsAtOversubscribedThreads() {
        Hardware hw = sample(SimdLevel.AVX2, SimdLevel.AVX2, 8);
        assertEquals(1, hw.hints().size());
        assertTrue(hw.hints().get(0).contains("OMP_NUM_THREADS=2"), hw.hints().get(0));
    }

    @Test
    void mapsNativeLevelsAndClampsUnknownOnes() {
        assertEquals(SimdLevel.GENERIC, SimdLevel.ofNativeLevel(0));
        assertEquals(SimdLevel.X86_64, SimdLevel.ofNativeLevel(1));
        assertEquals(SimdLevel.AVX2, SimdLevel.ofNativeLevel(2));
        assertEquals(SimdLevel.AVX512, SimdLevel.ofNativeLevel(3));
        assertEquals(SimdLevel.AVX512, SimdLevel.ofNativeLevel(7));
        assertEquals(SimdLevel.GENERIC, SimdLevel.ofNativeLevel(-1));
    }

    private static Hardware sample(SimdLevel binary, SimdLevel cpu, int nd4jThreads) {
        return sample(binary, cpu, nd4jThreads, "Zen", Hardware.OneDnnState.ACTIVE);
    }

    private static Hardware sample(SimdLevel binary, SimdLevel cpu, int nd4jThreads, String blasCore,
                                   Hardware.OneDnnState oneDnn) {
        return new Hardware(Hardware.Backend.CPU, "CpuBackend",
                java.util.List.of(new Hardware.Device("test cpu", 1L << 30, 1L << 29)), 2,
                nd4jThreads, "OPENBLAS", 2, blasCore, oneDnn, binary, cpu, DataType.FLOAT, 1L << 30, 1L << 31, null, null);
    }
}
