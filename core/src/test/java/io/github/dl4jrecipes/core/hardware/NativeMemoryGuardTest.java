package io.github.dl4jrecipes.core.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {

    private static final long MIB = 1L << 20;

    @Test
    void collectsWhenTheResidentSetGrewPastTheStepAboveItsLowestReading() {
        NativeMemoryGuard guard = new NativeMemoryGuard();
        long[] readings = {500, 450, 560, 578, 579, 600, 707, 708, 600, 729};
        List<Boolean> answers = new ArrayList<>();
        for (long mib : readings) {
            answers.add(guard.shouldCollect(mib * MIB));
        }
        // lowest 450: 578 is exactly 128 MiB above it (not more), 579 is more: collect, and start anew;
        // lowest 600 (first 600, 707 and 708 above it, then 600 again): 729 is 129 above it
        assertEquals(List.of(false, false, false, false, true, false, false, false, false, true), answers);
    }
}
