package io.github.dl4jrecipes.core.hardware;

import java.util.List;
import java.util.Set;

/**
 * The ND4J CPU binaries (libnd4j builds) published for x86-64, as JavaCPP platform extensions of
 * the {@code nd4j-native} classifier: {@code linux-x86_64} + {@link #extension()}.
 *
 * <p>What each build needs from the CPU follows libnd4j's own checks
 * ({@code isMinimalRequirementsMet()} for the AVX2 and AVX-512 builds): AVX2 builds need AVX, AVX2,
 * FMA and F16C; AVX-512 builds need those plus AVX-512 F, CD, BW, DQ and VL. Loading a build the CPU
 * cannot run ends the JVM with an illegal-instruction signal, so {@link CpuBinaries} never picks one.
 */
public enum CpuBinary {
    /** oneDNN, compiled for AVX-512: the fastest where the CPU has it. */
    ONEDNN_AVX512("-onednn-avx512", SimdLevel.AVX512, true),
    /** oneDNN, compiled for AVX2 + FMA. */
    ONEDNN_AVX2("-onednn-avx2", SimdLevel.AVX2, true),
    /** oneDNN, baseline x86-64: runs on every x86-64 CPU (oneDNN itself still picks its kernels at run time). */
    ONEDNN("-onednn", SimdLevel.X86_64, true),
    /** No oneDNN, AVX-512. */
    AVX512("-avx512", SimdLevel.AVX512, false),
    /** No oneDNN, AVX2 + FMA. */
    AVX2("-avx2", SimdLevel.AVX2, false),
    /** No oneDNN, baseline x86-64: the plain {@code linux-x86_64} classifier. */
    GENERIC("", SimdLevel.X86_64, false);

    /** CPU flags (as {@code /proc/cpuinfo} spells them) an AVX2 build needs. */
    static final Set<String> AVX2_FLAGS = Set.of("avx", "avx2", "fma", "f16c");
    /** CPU flags an AVX-512 build needs, on top of {@link #AVX2_FLAGS}. */
    static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private final String extension;
    private final SimdLevel simd;
    private final boolean oneDnn;

    CpuBinary(String extension, SimdLevel simd, boolean oneDnn) {
        this.extension = extension;
        this.simd = simd;
        this.oneDnn = oneDnn;
    }

    /** The JavaCPP platform extension, e.g. {@code -onednn-avx2}; empty for {@link #GENERIC}. */
    public String extension() {
        return extension;
    }

    /** The instruction set the build was compiled for. */
    public SimdLevel simd() {
        return simd;
    }

    /** Whether the build contains oneDNN (the fast path for convolution layers). */
    public boolean oneDnn() {
        return oneDnn;
    }

    /** The name a user writes in {@value CpuBinaries#BINARY_PROPERTY}: {@code onednn-avx2}, {@code generic}, ... */
    public String settingName() {
        return this == GENERIC ? "generic" : extension.substring(1);
    }

    /** The best SIMD level a CPU with these flags can run, by the rules above. */
    public static SimdLevel levelOf(Set<String> cpuFlags) {
        if (!cpuFlags.containsAll(AVX2_FLAGS)) {
            return SimdLevel.X86_64;
        }
        return cpuFlags.containsAll(AVX512_FLAGS) ? SimdLevel.AVX512 : SimdLevel.AVX2;
    }

    /** Every build, best first: oneDNN before none, then the widest instruction set. */
    static List<CpuBinary> preferenceOrder() {
        return List.of(values());
    }
}
