package io.github.dl4jrecipes.core.hardware;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuInfoTest {
    @Test
    void simdFlagsAreTheVectorInstructionSetsSorted() {
        CpuInfo cpu = new CpuInfo(Optional.of("AMD EPYC"), Optional.of(Set.of("fpu", "avx512f", "sse4_2", "avx2",
                "fma", "ht", "avx512_vnni", "amx_tile", "sse2", "f16c", "avx")));
        assertEquals(List.of("amx_tile", "avx", "avx2", "avx512_vnni", "avx512f", "f16c", "fma", "sse4_2"),
                cpu.simdFlags());
    }

    @Test
    void noFlagsWhereTheOsHasNone() {
        assertEquals(List.of(), new CpuInfo(Optional.empty(), Optional.empty()).simdFlags());
    }
}
