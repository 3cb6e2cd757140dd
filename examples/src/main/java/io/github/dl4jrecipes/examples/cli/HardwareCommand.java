package io.github.dl4jrecipes.examples.cli;

import io.github.dl4jrecipes.core.hardware.Hardware;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code hardware}: the backend, devices, threads, SIMD level and hints. */
@Command(name = "hardware", mixinStandardHelpOptions = true,
        description = "Print the ND4J backend, devices, memory, threads, SIMD level and speed hints.")
final class HardwareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Hardware.report());
        return Dl4jRecipes.OK;
    }
}
