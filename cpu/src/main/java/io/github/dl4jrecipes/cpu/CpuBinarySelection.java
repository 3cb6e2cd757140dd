package io.github.dl4jrecipes.cpu;

import io.github.dl4jrecipes.core.hardware.CpuBinaries;
import io.github.dl4jrecipes.core.hardware.OpenMpWaitPolicy;
import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * The start-up hook of {@code dl4j-recipes-cpu}, not a backend: ND4J instantiates every
 * {@link Nd4jBackend} listed in {@code META-INF/services} before it loads any native library, so
 * this class's constructor is the one place where {@link CpuBinaries#select()} and
 * {@link OpenMpWaitPolicy#apply()} run before ND4J, with no call in the application. It then reports itself unavailable with the lowest priority,
 * so ND4J never considers it (the real CPU backend, of higher priority, is taken first).
 */
public final class CpuBinarySelection extends Nd4jBackend {

    /** Called by {@link java.util.ServiceLoader} inside {@code Nd4jBackend.load()}. */
    public CpuBinarySelection() {
        CpuBinaries.select();
        OpenMpWaitPolicy.apply();
    }

    @Override
    public boolean allowsOrder() {
        return false;
    }

    @Override
    public int getPriority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public boolean canRun() {
        return false;
    }

    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("a start-up hook, never a backend");
    }

    @Override
    public Class<?> getNDArrayClass() {
        throw new UnsupportedOperationException("a start-up hook, never a backend");
    }

    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("a start-up hook, never a backend");
    }

    @Override
    public void logBackendInit() {
        // never initialised as a backend
    }

    @Override
    public String buildInfo() {
        return "dl4j-recipes CPU binary selection (not a backend)";
    }
}
