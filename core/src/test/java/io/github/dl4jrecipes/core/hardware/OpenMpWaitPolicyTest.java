package io.github.dl4jrecipes.core.hardware;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenMpWaitPolicyTest {

    @Test
    void passiveIsSetByDefaultBeforeTheNativesLoad() {
        OpenMpWaitPolicy.Decision d = OpenMpWaitPolicy.decide(Map.of(), "passive", false);
        assertEquals("PASSIVE", d.value());
        assertFalse(d.late());
        assertTrue(d.reason().startsWith("OMP_WAIT_POLICY=PASSIVE, set by dl4j-recipes"), d.reason());
    }

    @Test
    void activeCanBeAskedForAndTheSettingIgnoresCaseAndSpaces() {
        assertEquals("ACTIVE", OpenMpWaitPolicy.decide(Map.of(), " Active ", false).value());
    }

    @Test
    void theEnvironmentWinsWhicheverOfTheTwoVariablesItSets() {
        OpenMpWaitPolicy.Decision policy = OpenMpWaitPolicy.decide(Map.of("OMP_WAIT_POLICY", "active"), "passive", false);
        assertNull(policy.value());
        assertEquals("OMP_WAIT_POLICY=active from the environment, kept", policy.reason());
        OpenMpWaitPolicy.Decision spin = OpenMpWaitPolicy.decide(Map.of("GOMP_SPINCOUNT", "10000"), "passive", false);
        assertNull(spin.value());
        assertEquals("GOMP_SPINCOUNT=10000 from the environment, kept", spin.reason());
    }

    @Test
    void defaultLeavesLibgompAlone() {
        OpenMpWaitPolicy.Decision d = OpenMpWaitPolicy.decide(Map.of(), "default", false);
        assertNull(d.value());
        assertEquals("libgomp's default (-Ddl4j.recipes.openmp.waitPolicy=default)", d.reason());
    }

    @Test
    void afterTheNativesLoadedItChangesNothingAndSaysHowToGetIt() {
        OpenMpWaitPolicy.Decision d = OpenMpWaitPolicy.decide(Map.of(), "passive", true);
        assertNull(d.value());
        assertTrue(d.late());
        assertTrue(d.reason().contains("too late"), d.reason());
        assertTrue(d.reason().contains("dl4j-recipes-cpu"), d.reason());
        assertTrue(d.reason().contains("OMP_WAIT_POLICY=PASSIVE in the environment"), d.reason());
    }

    @Test
    void anUnknownSettingIsRefusedNamingThePropertyAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenMpWaitPolicy.decide(Map.of(), "sleepy", false));
        assertEquals("-Ddl4j.recipes.openmp.waitPolicy=sleepy is not a wait policy; use passive (the default), "
                + "active or default", e.getMessage());
    }

    @Test
    void passiveAlsoPutsOpenBlasIdleWorkersToSleepAtOnce() {
        OpenMpWaitPolicy.Decision d = OpenMpWaitPolicy.decideOpenBlas(Map.of(), "passive", false);
        assertEquals("OPENBLAS_THREAD_TIMEOUT", d.variable());
        assertEquals("4", d.value());
        assertTrue(d.reason().startsWith("OPENBLAS_THREAD_TIMEOUT=4, set by dl4j-recipes"), d.reason());
    }

    @Test
    void anOpenBlasTimeoutFromTheEnvironmentIsKeptUnderEitherName() {
        assertEquals("OPENBLAS_THREAD_TIMEOUT=20 from the environment, kept", OpenMpWaitPolicy.decideOpenBlas(
                Map.of("OPENBLAS_THREAD_TIMEOUT", "20"), "passive", false).reason());
        OpenMpWaitPolicy.Decision goto_ = OpenMpWaitPolicy.decideOpenBlas(Map.of("GOTO_THREAD_TIMEOUT", "8"),
                "passive", false);
        assertNull(goto_.value());
        assertEquals("GOTO_THREAD_TIMEOUT=8 from the environment, kept", goto_.reason());
    }

    @Test
    void activeAndDefaultLeaveOpenBlasAlone() {
        assertNull(OpenMpWaitPolicy.decideOpenBlas(Map.of(), "active", false).value());
        assertEquals("OpenBLAS's default thread timeout (-Ddl4j.recipes.openmp.waitPolicy=default)",
                OpenMpWaitPolicy.decideOpenBlas(Map.of(), "default", false).reason());
    }

    @Test
    void afterTheNativesLoadedTheOpenBlasTimeoutIsNotSetAndTheReasonSaysHow() {
        OpenMpWaitPolicy.Decision d = OpenMpWaitPolicy.decideOpenBlas(Map.of(), "passive", true);
        assertNull(d.value());
        assertTrue(d.late());
        assertTrue(d.reason().contains("OPENBLAS_THREAD_TIMEOUT=4 in the environment"), d.reason());
    }
}
