/**
 * Hyperparameter search on top of Arbiter: strategies (random, grid and genetic from Arbiter;
 * TPE, zoom-in random search, ASHA, Hyperband and median-stopping pruning here), studies that
 * survive crashes and can be shared by several processes, parallel trials, and results (leaderboard,
 * importance, a static HTML report).
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of(Map.of(
 *         "lr", SearchBlocks.learningRate(),
 *         "batch", SearchBlocks.batchSize()));
 * TuningResult<Map<String, Object>> result = Tuner.asha(space, 1, 27, 3)   // successive halving over epochs
 *         .sampler(Samplers.tpe())                                            // TPE proposes new trials
 *         .pruner(Pruner.median())
 *         .maxTrials(60).workers(2).threadsPerWorker(1)
 *         .study(Path.of("study"))                                            // run again to resume
 *         .run(myObjective);
 * log.info("{}", result.leaderboard().toText(10));                       // and study/report.html
 * }</pre>
 *
 * <p>For networks, search an Arbiter {@code MultiLayerSpace} built from {@link
 * io.github.dl4jrecipes.tuning.SearchBlocks} (the weight init is derived from the sampled
 * activation) with {@link io.github.dl4jrecipes.tuning.NetworkObjective#accuracy}. For a tabular
 * recipe, {@link io.github.dl4jrecipes.tuning.SearchSpaces#tabular} gives a preset space whose
 * candidates are recipes, trained by {@link io.github.dl4jrecipes.tuning.TabularTuning#objective};
 * {@link io.github.dl4jrecipes.tuning.TabularTuning#best} returns the best one as a recipe. For an image
 * recipe, {@link io.github.dl4jrecipes.tuning.SearchSpaces#image} and
 * {@link io.github.dl4jrecipes.tuning.ImageTuning} do the same.
 */
package io.github.dl4jrecipes.tuning;
