package io.github.dl4jrecipes.core;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on error messages: each must name the parameter, the bad value and the fix. */
public final class PresetAssertions {

    private PresetAssertions() {
    }

    /** Asserts that {@code call} throws IllegalArgumentException whose message contains every part. */
    public static IllegalArgumentException assertMessage(Executable call, String... parts) {
        return assertThrowsWith(IllegalArgumentException.class, call, parts);
    }

    /** Asserts that {@code call} throws {@code type} whose message contains every part. */
    public static <T extends Throwable> T assertThrowsWith(Class<T> type, Executable call, String... parts) {
        T e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    "'" + part + "' missing from: " + e.getMessage());
        }
        return e;
    }
}
