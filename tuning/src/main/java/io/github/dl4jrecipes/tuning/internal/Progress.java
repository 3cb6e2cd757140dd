package io.github.dl4jrecipes.tuning.internal;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over finished trials, drawn only when the JVM has a terminal (a person watches);
 * otherwise the per-trial log lines are the progress report.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param maxTrials the trial budget (Integer.MAX_VALUE: unknown)
     * @param done      trials already finished (a resumed study)
     * @return a bar on the terminal, or one that draws nothing
     */
    static Progress start(int maxTrials, long done) {
        if (System.console() == null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("tuning").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(maxTrials == Integer.MAX_VALUE ? -1 : maxTrials).build();
        bar.stepTo(done);
        return new Progress(bar);
    }

    /**
     * @param finished trials finished so far
     * @param best     a short description of the best so far
     */
    synchronized void update(long finished, String best) {
        if (bar != null) {
            bar.stepTo(finished);
            bar.setExtraMessage(best);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
