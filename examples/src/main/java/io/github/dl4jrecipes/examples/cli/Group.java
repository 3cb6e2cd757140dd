package io.github.dl4jrecipes.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** A command that only groups subcommands: run alone it names them and fails as a usage error. */
abstract class Group implements Callable<Integer> {

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "'" + spec.qualifiedName()
                + "' needs a subcommand, one of " + spec.subcommands().keySet() + "; see '" + spec.qualifiedName()
                + " --help'");
    }
}
