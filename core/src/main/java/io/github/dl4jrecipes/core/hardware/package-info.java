/**
 * What ND4J runs on, and how to make it faster: {@link io.github.dl4jrecipes.core.hardware.Hardware}
 * reports it, {@link io.github.dl4jrecipes.core.hardware.OneDnn} turns on DL4J's oneDNN layer
 * helpers and {@link io.github.dl4jrecipes.core.hardware.FastPath} gives batch-norm layers a faster CPU
 * helper and ReLU activation layers a faster backward pass (recipes do both for you).
 *
 * <pre>{@code
 * Hardware hw = Hardware.report();
 * log.info("\n{}", hw);              // backend, devices, threads, SIMD, memory, hints
 * if (!hw.hints().isEmpty()) { ... } // e.g. "build with -Dnd4j.cpu.flavor=-avx512"
 *
 * OneDnn.enable();                   // before building a plain DL4J network
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * net.init();
 * FastPath.install(net);             // after init(), and again after loading or copying
 * }</pre>
 */
package io.github.dl4jrecipes.core.hardware;
