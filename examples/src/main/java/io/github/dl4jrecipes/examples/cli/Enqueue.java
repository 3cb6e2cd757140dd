package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --enqueue NAME=VALUE[,NAME=VALUE...]} options into candidates for {@code Tuner.enqueue}. */
final class Enqueue {

    private Enqueue() {
    }

    /**
     * @param spec   the command, for usage errors
     * @param values the options as given
     * @return one map of values by name per option
     * @throws CommandLine.ParameterException for an entry that is not NAME=VALUE, or a name given twice
     */
    static List<Map<String, String>> parse(CommandLine.Model.CommandSpec spec, List<String> values) {
        List<Map<String, String>> candidates = new ArrayList<>();
        for (String option : values) {
            Map<String, String> candidate = new LinkedHashMap<>();
            for (String entry : option.split(",")) {
                int eq = entry.indexOf('=');
                String name = eq < 0 ? "" : entry.substring(0, eq).trim();
                String value = eq < 0 ? "" : entry.substring(eq + 1).trim();
                if (name.isEmpty() || value.isEmpty() || candidate.put(name, value) != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--enqueue: '" + entry + "' in '"
                            + option + "' is not NAME=VALUE with a new name; write e.g. --enqueue "
                            + "maxLr=0.01,activation=TANH");
                }
            }
            candidates.add(candidate);
        }
        return candidates;
    }
}
