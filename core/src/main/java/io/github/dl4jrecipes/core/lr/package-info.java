/**
 * The learning-rate range test: sweep the LR exponentially, read the smoothed loss, pick an LR.
 *
 * <pre>{@code
 * LrFinderResult r = LrFinder.defaults().withProgress(Progress.LOG)            // a log line every tenth
 *         .run(net, trainIterator);                                  // net untouched afterwards
 * r.writeCsv(Path.of("lr.csv"));
 * r.plot(Path.of("lr.png"));
 * OneCycle schedule = r.toOneCycle().withEpochs(20, batchesPerEpoch);
 * }</pre>
 */
package io.github.dl4jrecipes.core.lr;
