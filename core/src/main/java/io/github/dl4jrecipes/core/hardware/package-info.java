/**
 * What ND4J runs on, and how to make it faster.
 *
 * <pre>{@code
 * Hardware hw = Hardware.report();
 * log.info("\n{}", hw);              // backend, devices, threads, SIMD, memory, hints
 * if (!hw.hints().isEmpty()) { ... } // e.g. "build with -Dnd4j.cpu.flavor=-avx512"
 * }</pre>
 */
package io.github.dl4jrecipes.core.hardware;
