package io.github.dl4jrecipes.tuning;

import java.nio.file.Path;

/**
 * What a trial knows about itself.
 *
 * @param trial     its number in the study
 * @param seed      its seed (the study's seed plus its number), the same on every resume
 * @param directory a folder it may write to (inside the study directory)
 */
public record TrialContext(int trial, long seed, Path directory) {
}
