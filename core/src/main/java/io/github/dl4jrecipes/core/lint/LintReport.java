package io.github.dl4jrecipes.core.lint;

import java.util.List;

/**
 * The findings of one {@link ConfigLinter} run.
 *
 * @param findings every finding, in layer order
 */
public record LintReport(List<Finding> findings) {

    /** Copies the list. */
    public LintReport {
        findings = List.copyOf(findings);
    }

    /** @return true when nothing was found */
    public boolean isClean() {
        return findings.isEmpty();
    }

    /** @return true when some finding is an {@link Severity#ERROR} */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** @return the findings of {@code rule} */
    public List<Finding> of(Rule rule) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
    }

    @Override
    public String toString() {
        if (findings.isEmpty()) {
            return "config lint: clean";
        }
        StringBuilder s = new StringBuilder("config lint: ").append(findings.size()).append(" finding(s)");
        findings.forEach(f -> s.append('\n').append("  ").append(f));
        return s.toString();
    }
}
