package dev.ampulla.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.event.KeyValuePair;

/**
 * Ampulla's log lines: one JSON object per line by default (for log shippers), or plain text for reading in a
 * terminal. Chosen by {@code AMPULLA_LOG_FORMAT} ({@code json} or {@code text}). Key-value pairs added with SLF4J's
 * fluent API become JSON fields. What is logged is chosen by the callers, which never pass patient data or tokens.
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {
    public static final String FORMAT_PROPERTY = "ampulla.logFormat";
    private static final JsonFactory JSON = new JsonFactory();

    private PatternLayout text;

    @Override
    public void start() {
        if (!json()) {
            text = new PatternLayout();
            text.setContext(getContext());
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg %kvp%n%ex");
            text.start();
        }
        super.start();
    }

    static boolean json() {
        String format = System.getProperty(FORMAT_PROPERTY);
        if (format == null) {
            format = System.getenv("AMPULLA_LOG_FORMAT");
        }
        return format == null || !format.trim().toLowerCase(Locale.ROOT).equals("text");
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        if (text != null) {
            return text.doLayout(event);
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair kv : event.getKeyValuePairs()) {
                    g.writeFieldName(kv.key);
                    writeValue(g, kv.value);
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                g.writeStringField("exception", thrown.getClassName());
                g.writeArrayFieldStart("stack");
                for (var frame : thrown.getStackTraceElementProxyArray()) {
                    g.writeString(frame.getSTEAsString());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Number || value instanceof Boolean) {
            g.writeRawValue(value.toString());
        } else if (value instanceof Iterable<?> items) {
            g.writeStartArray();
            for (Object item : items) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof java.util.Map<?, ?> map) {
            g.writeStartObject();
            for (var e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(value.toString());
        }
    }
}
