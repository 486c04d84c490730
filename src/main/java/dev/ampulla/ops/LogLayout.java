package dev.ampulla.ops;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

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
        // Written by hand into one builder: this runs once per hook call, and a JSON generator per line costs more.
        StringBuilder out = new StringBuilder(384);
        out.append("{\"time\":\"")
                .append(Instant.ofEpochMilli(event.getTimeStamp()))
                .append("\",\"level\":\"")
                .append(event.getLevel())
                .append("\",\"logger\":");
        string(out, event.getLoggerName());
        out.append(",\"message\":");
        string(out, event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                out.append(',');
                string(out, String.valueOf(kv.key));
                out.append(':');
                value(out, kv.value);
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            out.append(",\"exception\":");
            string(out, thrown.getClassName());
            out.append(",\"stack\":[");
            var frames = thrown.getStackTraceElementProxyArray();
            for (int i = 0; i < frames.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, frames[i].getSTEAsString());
            }
            out.append(']');
        }
        return out.append("}\n").toString();
    }

    private static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        ESCAPER.quoteAsString(s, out);
        out.append('"');
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof java.math.BigDecimal) {
            out.append(value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString());
        } else if (value instanceof java.util.Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else if (value instanceof java.util.Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (var e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                value(out, e.getValue());
            }
            out.append('}');
        } else {
            string(out, value.toString());
        }
    }
}
