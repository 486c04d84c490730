package dev.ampulla.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.ops.LogLayout;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines one logger writes while some calls run, each exactly as Ampulla's JSON layout writes it. */
public final class LogCapture {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Calls that may throw. */
    @FunctionalInterface
    public interface Calls {
        void run() throws Exception;
    }

    private LogCapture() {}

    public static List<JsonNode> lines(String loggerName, Calls calls) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            calls.run();
        } finally {
            logger.detachAppender(events);
        }
        LogLayout layout = new LogLayout();
        layout.setContext(logger.getLoggerContext());
        layout.start();
        List<JsonNode> lines = new ArrayList<>();
        for (ILoggingEvent event : events.list) {
            String line = layout.doLayout(event);
            if (line.indexOf('\n') != line.length() - 1) {
                throw new AssertionError("not a single line: " + line);
            }
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
