package io.github.dl4jrecipes.core.hardware;

/**
 * SIMD instruction-set level, as libnd4j numbers it in {@code binaryLevel()} (what the loaded
 * binary was compiled for) and {@code optimalLevel()} (what this CPU supports).
 */
public enum SimdLevel {
    /** Not an x86-64 build (ARM, PowerPC, ...) or unknown. */
    GENERIC(""),
    /** Baseline x86-64 (SSE2/SSE3): the plain {@code linux-x86_64} classifier. */
    X86_64(""),
    /** AVX2 + FMA: the {@code -avx2} classifiers. */
    AVX2("-avx2"),
    /** AVX-512 (F, BW, DQ, VL): the {@code -avx512} classifiers. */
    AVX512("-avx512");

    private final String classifierSuffix;

    SimdLevel(String classifierSuffix) {
        this.classifierSuffix = classifierSuffix;
    }

    /**
     * The level libnd4j reports as {@code level}; values past the known range map to the
     * highest level, negative values to {@link #GENERIC}.
     */
    public static SimdLevel ofNativeLevel(int level) {
        SimdLevel[] levels = values();
        return levels[Math.max(0, Math.min(level, levels.length - 1))];
    }

    /** The suffix of the ND4J CPU classifier built for this level, e.g. {@code -avx512}. */
    public String classifierSuffix() {
        return classifierSuffix;
    }
}
