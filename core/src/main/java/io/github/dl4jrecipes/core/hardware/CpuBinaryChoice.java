package io.github.dl4jrecipes.core.hardware;

import java.util.Objects;

/**
 * Which ND4J CPU binary {@link CpuBinaries#select()} chose for this JVM, and why.
 *
 * @param binary   the build chosen
 * @param cpuLevel the best instruction set this CPU can run, from its flags
 * @param reason   one sentence: what decided it (the CPU's flags, a setting, a missing jar) and,
 *                 where the result is not the best build for this CPU, how to get that one
 */
public record CpuBinaryChoice(CpuBinary binary, SimdLevel cpuLevel, String reason) {
    public CpuBinaryChoice {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(cpuLevel, "cpuLevel");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return binary.settingName() + " (" + reason + ")";
    }
}
