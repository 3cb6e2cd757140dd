package io.github.dl4jrecipes.core.hardware;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA path of {@link Hardware}. Tagged {@code gpu}: excluded by default; run with
 * {@code mvn -Pcuda -pl core test -DexcludedGroups= -Dgroups=gpu} on a machine with a GPU.
 */
@Tag("gpu")
class HardwareGpuTest {

    @Test
    void reportsEachGpuWithItsMemory() {
        Hardware hw = Hardware.report();

        assertEquals(Hardware.Backend.CUDA, hw.backend());
        assertFalse(hw.devices().isEmpty(), "at least one GPU");
        for (Hardware.Device gpu : hw.devices()) {
            assertFalse(gpu.name().isBlank());
            assertTrue(gpu.totalBytes() > 0);
            assertTrue(gpu.freeBytes() <= gpu.totalBytes());
        }
    }
}
