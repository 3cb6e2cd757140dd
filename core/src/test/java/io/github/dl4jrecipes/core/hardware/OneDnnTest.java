package io.github.dl4jrecipes.core.hardware;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OneDnnTest {
    private String savedHelpers;
    private String savedSwitch;

    @BeforeEach
    void save() {
        assumeTrue(OneDnn.available(), "the loaded ND4J binary has no oneDNN");
        savedHelpers = System.getProperty(OneDnn.HELPERS_DISABLE_PROPERTY);
        savedSwitch = System.getProperty(OneDnn.SWITCH_PROPERTY);
        System.clearProperty(OneDnn.HELPERS_DISABLE_PROPERTY);
        System.clearProperty(OneDnn.SWITCH_PROPERTY);
    }

    @AfterEach
    void restore() {
        restore(OneDnn.HELPERS_DISABLE_PROPERTY, savedHelpers);
        restore(OneDnn.SWITCH_PROPERTY, savedSwitch);
    }

    @Test
    void enableTurnsDl4jHelpersOnAndHardwareSaysSo() {
        assertFalse(OneDnn.active());
        assertEquals(Hardware.OneDnnState.AVAILABLE, Hardware.report().oneDnn());

        assertTrue(OneDnn.enable());

        assertTrue(OneDnn.active());
        assertEquals("false", System.getProperty(OneDnn.HELPERS_DISABLE_PROPERTY));
        assertEquals(Hardware.OneDnnState.ACTIVE, Hardware.report().oneDnn());
        assertTrue(OneDnn.enable(), "idempotent");
    }

    @Test
    void theSwitchKeepsTheStockLayersAndSaysSoInOneLineWithTheFix() {
        System.setProperty(OneDnn.SWITCH_PROPERTY, "false");
        Logger logger = (Logger) LoggerFactory.getLogger(OneDnn.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertFalse(OneDnn.enable());
        } finally {
            logger.detachAppender(appender);
        }

        assertFalse(OneDnn.active());
        assertNull(System.getProperty(OneDnn.HELPERS_DISABLE_PROPERTY));
        assertEquals(List.of("CPU fast path off: DL4J's oneDNN layer helpers are switched off with "
                + "-Ddl4j.recipes.onednn=false; remove it to turn them on"),
                appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void dl4jFindsTheShimAtTheOldClassName() throws Exception {
        Class<?> env = Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment");
        Object instance = env.getMethod("getInstance").invoke(null);
        assertEquals(Boolean.TRUE, env.getMethod("isUseMKLDNN").invoke(instance));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
