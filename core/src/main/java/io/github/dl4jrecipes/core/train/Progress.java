package io.github.dl4jrecipes.core.train;

import java.util.Map;

/** How {@link Fit} reports progress. */
public enum Progress {
    /** A progress bar when a person watches (a console and no {@code CI} variable), else log lines. */
    AUTO,
    /** A console progress bar with ETA, loss and throughput (me.tongfei:progressbar), plus log lines. */
    BAR,
    /** One SLF4J line per epoch. */
    LOG;

    /** The environment variable set by CI services (GitHub Actions, GitLab, Travis, Jenkins plugins). */
    public static final String CI_VARIABLE = "CI";

    /**
     * What this setting means here.
     *
     * @param consolePresent whether {@code System.console()} is not null
     * @param environment    the process environment
     * @return {@link #BAR} or {@link #LOG}
     */
    public Progress resolve(boolean consolePresent, Map<String, String> environment) {
        if (this != AUTO) {
            return this;
        }
        return consolePresent && !environment.containsKey(CI_VARIABLE) ? BAR : LOG;
    }

    /** What this setting means in this process. */
    public Progress resolve() {
        return resolve(System.console() != null, System.getenv());
    }
}
