/**
 * The learning-rate range test: sweep the LR exponentially, read the smoothed loss, pick an LR.
 *
 * <pre>{@code
 * LrFinderResult r = LrFinder.defaults().withTrainingRun(20, batchesPerEpoch)  // ≤ 10% of the run
 *         .run(net, trainIterator);                                  // net untouched afterwards
 * r.writeCsv(Path.of("lr.csv"));
 * r.plot(Path.of("lr.png"));
 * OneCycle schedule = r.toOneCycle().withEpochs(20, batchesPerEpoch);
 * }</pre>
 */
package io.github.dl4jrecipes.core.lr;
