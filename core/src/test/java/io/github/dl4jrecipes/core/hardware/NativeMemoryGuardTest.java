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
        long[] readings = {500, 450, 480, 514, 515, 600, 643, 644, 600, 665};
        List<Boolean> answers = new ArrayList<>();
        for (long mib : readings) {
            answers.add(guard.shouldCollect(mib * MIB));
        }
        // lowest 450: 514 is exactly 64 MiB above it (not more), 515 is more: collect, and start anew;
        // lowest 600 (first 600, 643 and 644 above it, then 600 again): 665 is 65 above it
        assertEquals(List.of(false, false, false, false, true, false, false, false, false, true), answers);
    }
}
