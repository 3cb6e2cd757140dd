package io.github.dl4jrecipes.core.hardware;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import org.bytedeco.javacpp.Loader;

import java.util.Optional;

/**
 * Reads which kernels OpenBLAS picked at run time. OpenBLAS builds with {@code DYNAMIC_ARCH}
 * choose a core type per CPU; on CPUs they do not recognise they fall back to slow SSE3
 * ("Prescott") kernels, which {@code OPENBLAS_CORETYPE} overrides. JavaCPP's presets do not bind
 * {@code openblas_get_corename}, so the symbol is looked up in the loaded library and called
 * through JNA.
 */
final class OpenBlas {
    /** The generic x86-64 fallback kernels of OpenBLAS's dynamic-arch builds. */
    static final String FALLBACK_CORE = "Prescott";

    private OpenBlas() {
    }

    /** The core type OpenBLAS runs with, e.g. {@code Haswell}, {@code Zen}, {@code SkylakeX}. */
    static Optional<String> coreName() {
        return call("openblas_get_corename");
    }

    /** OpenBLAS's build line, e.g. {@code OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64}. */
    static Optional<String> config() {
        return call("openblas_get_config");
    }

    private static Optional<String> call(String symbol) {
        try {
            org.bytedeco.javacpp.Pointer address = Loader.addressof(symbol);
            if (address == null || address.isNull()) {
                return Optional.empty();
            }
            Function function = Function.getFunction(new Pointer(address.address()));
            return Optional.ofNullable(function.invokeString(new Object[0], false)).map(String::trim);
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
