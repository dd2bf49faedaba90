package dev.ownstack.server.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A small metrics registry written out in the Prometheus text format 0.0.4: counters (with
 * labels), gauges read when scraped, and histograms. Updating a metric is lock-free and
 * allocation-free once a label combination exists; metrics are registered once, at startup.
 */
public final class MetricRegistry {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final Map<String, Metric> metrics = new ConcurrentSkipListMap<>();

    /** A counter whose series are told apart by the given label names (none for a single series). */
    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, List.of(labelNames)));
    }

    /** A gauge whose value is read from {@code value} at every scrape. */
    public void gauge(String name, String help, DoubleSupplier value) {
        register(new SampledValue(name, help, "gauge", value));
    }

    /** A counter whose value is read from {@code value} at every scrape (a total kept elsewhere). */
    public void counterFrom(String name, String help, DoubleSupplier value) {
        register(new SampledValue(name, help, "counter", value));
    }

    /** A histogram with the given upper bounds (ascending; {@code +Inf} is added). */
    public Histogram histogram(String name, String help, double... upperBounds) {
        return register(new Histogram(name, help, upperBounds));
    }

    /** Every metric in the text format, sorted by name. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        for (Metric metric : metrics.values()) {
            out.append("# HELP ").append(metric.name).append(' ').append(escapeHelp(metric.help)).append('\n');
            out.append("# TYPE ").append(metric.name).append(' ').append(metric.type()).append('\n');
            metric.write(out);
        }
        return out.toString();
    }

    private <M extends Metric> M register(M metric) {
        if (metrics.putIfAbsent(metric.name, metric) != null) {
            throw new IllegalArgumentException("metric " + metric.name + " is already registered");
        }
        return metric;
    }

    private abstract static class Metric {
        final String name;
        final String help;

        Metric(String name, String help) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a Prometheus metric name: '" + name + "'");
            }
            this.name = name;
            this.help = Objects.requireNonNull(help, "help");
        }

        abstract String type();

        abstract void write(StringBuilder out);
    }

    /** A monotonically increasing count, one series per label combination. */
    public static final class Counter extends Metric {
        private final List<String> labelNames;
        private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

        Counter(String name, String help, List<String> labelNames) {
            super(name, help);
            this.labelNames = labelNames;
            if (labelNames.isEmpty()) {
                series.put(List.of(), new LongAdder());
            }
        }

        /** The series for these label values (in the order of the label names); created on first use. */
        public LongAdder labels(String... values) {
            if (values.length != labelNames.size()) {
                throw new IllegalArgumentException(name + " has labels " + labelNames + ", got " + values.length + " values");
            }
            List<String> key = List.of(values);
            LongAdder adder = series.get(key);
            return adder != null ? adder : series.computeIfAbsent(key, k -> new LongAdder());
        }

        public void increment(String... labelValues) {
            labels(labelValues).increment();
        }

        public long value(String... labelValues) {
            LongAdder adder = series.get(List.of(labelValues));
            return adder == null ? 0 : adder.sum();
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void write(StringBuilder out) {
            List<Map.Entry<List<String>, LongAdder>> entries = new ArrayList<>(series.entrySet());
            entries.sort((a, b) -> String.join("\u0000", a.getKey()).compareTo(String.join("\u0000", b.getKey())));
            for (Map.Entry<List<String>, LongAdder> entry : entries) {
                out.append(name);
                appendLabels(out, labelNames, entry.getKey());
                out.append(' ').append(entry.getValue().sum()).append('\n');
            }
        }
    }

    /** A value read when scraped: a gauge, or a counter kept elsewhere (such as the loader's totals). */
    private static final class SampledValue extends Metric {
        private final String type;
        private final DoubleSupplier value;

        SampledValue(String name, String help, String type, DoubleSupplier value) {
            super(name, help);
            this.type = Objects.requireNonNull(type, "type");
            this.value = Objects.requireNonNull(value, "value");
        }

        @Override
        String type() {
            return type;
        }

        @Override
        void write(StringBuilder out) {
            out.append(name).append(' ').append(number(value.getAsDouble())).append('\n');
        }
    }

    /** Counts observations into cumulative buckets, with their sum and count. */
    public static final class Histogram extends Metric {
        private final double[] upperBounds;
        private final LongAdder[] buckets;
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram(String name, String help, double[] upperBounds) {
            super(name, help);
            this.upperBounds = upperBounds.clone();
            for (int i = 1; i < upperBounds.length; i++) {
                if (!(upperBounds[i] > upperBounds[i - 1])) {
                    throw new IllegalArgumentException(name + ": bucket bounds must ascend, got " + Arrays.toString(upperBounds));
                }
            }
            this.buckets = new LongAdder[upperBounds.length];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        public void observe(double value) {
            for (int i = 0; i < upperBounds.length; i++) {
                if (value <= upperBounds[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(value);
        }

        public long count() {
            return count.sum();
        }

        @Override
        String type() {
            return "histogram";
        }

        @Override
        void write(StringBuilder out) {
            long cumulative = 0;
            for (int i = 0; i < upperBounds.length; i++) {
                cumulative += buckets[i].sum();
                out.append(name).append("_bucket{le=\"").append(number(upperBounds[i])).append("\"} ").append(cumulative).append('\n');
            }
            long total = count.sum();
            out.append(name).append("_bucket{le=\"+Inf\"} ").append(Math.max(total, cumulative)).append('\n');
            out.append(name).append("_sum ").append(number(sum.sum())).append('\n');
            out.append(name).append("_count ").append(total).append('\n');
        }
    }

    private static void appendLabels(StringBuilder out, List<String> names, List<String> values) {
        if (names.isEmpty()) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"").append(escapeLabel(values.get(i))).append('"');
        }
        out.append('}');
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
