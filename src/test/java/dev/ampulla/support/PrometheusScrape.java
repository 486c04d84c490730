package dev.ampulla.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A /metrics answer in the Prometheus text format, read into its series: name, labels (in any order) and value. */
public final class PrometheusScrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> values = new HashMap<>();
    private final Set<String> names = new TreeSet<>();

    public PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            names.add(m.group(1));
            values.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
    }

    /** The series' value, or null when the scrape does not hold it. */
    public Double value(String name, Map<String, String> labels) {
        return values.get(key(name, new TreeMap<>(labels)));
    }

    /** The series' value, 0 when absent (a counter not yet incremented). */
    public double valueOrZero(String name, Map<String, String> labels) {
        Double v = value(name, labels);
        return v == null ? 0 : v;
    }

    /** Every sample name: {@code ampulla_hook_requests_seconds_bucket}, {@code jvm_memory_used_bytes} ... */
    public Set<String> names() {
        return names;
    }

    private static String key(String name, Map<String, String> sortedLabels) {
        return name + sortedLabels;
    }
}
