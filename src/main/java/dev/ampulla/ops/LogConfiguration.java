package dev.ampulla.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Ampulla's logging set-up, found by Logback through {@code META-INF/services}: {@link LogLayout} lines on standard
 * output, Ampulla and the root at INFO, chatty libraries at WARN. Written in code rather than {@code logback.xml}
 * because reading XML costs about a tenth of start-up. An operator's own file given with
 * {@code -Dlogback.configurationFile} takes precedence.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogLayout layout = new LogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        // Jetty, Javalin and HAPI are chatty at INFO; their warnings still show.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("ca.uhn.fhir").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // A lost database connection is reported once by Ampulla's own warning, without the pool's stack traces.
        context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
