package dev.ampulla.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logback finds Ampulla's set-up by itself (this JVM has no logback.xml and no -Dlogback.configurationFile). */
class LogConfigurationTest {

    @Test
    void logbackIsConfiguredByAmpulla() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDOUT"));
        LayoutWrappingEncoder<?> encoder = assertInstanceOf(LayoutWrappingEncoder.class, console.getEncoder());
        assertInstanceOf(LogLayout.class, encoder.getLayout());
        assertEquals(
                Level.WARN, context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel());
        assertEquals(
                Level.WARN, context.getLogger("ca.uhn.fhir.context.FhirContext").getEffectiveLevel());
        assertEquals(
                Level.ERROR,
                context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").getEffectiveLevel());
        assertEquals(Level.INFO, context.getLogger("ampulla.hooks").getEffectiveLevel());
    }
}
