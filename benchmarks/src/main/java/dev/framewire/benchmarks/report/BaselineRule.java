package dev.framewire.benchmarks.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the baseline of a suite (a benchmark class). Checked in order:
 * <ol>
 *   <li>an explicit override: {@code --baseline Suite=method} or {@code --baseline Suite=param=value} on the
 *       command line, else a line of the bundled {@code baselines.properties} (for suites that predate the
 *       convention);</li>
 *   <li>a benchmark method whose name starts with {@code baseline} (e.g. {@code baselineMemoryRead}): each row is
 *       compared with that method at the same values of every {@code @Param} the baseline has;</li>
 *   <li>a {@code @Param} value that starts with {@code baseline} (e.g. {@code @Param({"baselineHeapCopy",
 *       "chronicle"}) String channel}): each row is compared with the row of the same method whose parameter has
 *       that value, the other parameters equal.</li>
 * </ol>
 * A suite that matches none gets no ratio column values.
 *
 * <p>Immutable and thread-safe.
 */
public final class BaselineRule {
    static final String PREFIX = "baseline";

    private final Map<String, String> overrides;
    private final Map<String, String> bundled;

    /** @param overrides suite simple class name → baseline method name, or {@code param=value} */
    public BaselineRule(Map<String, String> overrides) {
        this(overrides, Map.of());
    }

    private BaselineRule(Map<String, String> overrides, Map<String, String> bundled) {
        this.overrides = Map.copyOf(overrides);
        this.bundled = Map.copyOf(bundled);
    }

    /**
     * The bundled defaults of {@code baselines.properties}, with {@code overrides} taking precedence. An
     * override naming something the results lack is an error; a bundled default that does not fit (a suite
     * renamed its method) is skipped, and the naming convention applies.
     */
    public static BaselineRule withBundledDefaults(Map<String, String> overrides) {
        Map<String, String> all = new java.util.HashMap<>();
        java.util.Properties bundled = new java.util.Properties();
        try (java.io.InputStream in = BaselineRule.class.getResourceAsStream("baselines.properties")) {
            if (in != null) {
                bundled.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the bundled baselines.properties", e);
        }
        bundled.forEach((k, v) -> all.put(k.toString().trim(), v.toString().trim()));
        return new BaselineRule(overrides, all);
    }

    /** How a suite's baseline is chosen. */
    public sealed interface Kind permits ByMethod, ByParam, None {
    }

    /** The baseline is the method {@code name}. */
    public record ByMethod(String name) implements Kind {
    }

    /** The baseline is the row whose parameter {@code param} has the value {@code value}. */
    public record ByParam(String param, String value) implements Kind {
    }

    /** The suite has no baseline. */
    public record None() implements Kind {
    }

    /** @param suiteResults every result of one suite, in file order */
    public Kind find(List<JmhResult> suiteResults) {
        if (suiteResults.isEmpty()) {
            return new None();
        }
        String suite = suiteResults.get(0).suiteSimpleName();
        String override = overrides.get(suite);
        if (override != null) {
            return named(suite, override, suiteResults);
        }
        String fromBundle = bundled.get(suite);
        if (fromBundle != null) {
            try {
                return named(suite, fromBundle, suiteResults);
            } catch (IllegalArgumentException stale) {
                // the suite changed since baselines.properties was written: fall back to the convention
            }
        }
        return byConvention(suiteResults);
    }

    private static Kind named(String suite, String override, List<JmhResult> suiteResults) {
        int eq = override.indexOf('=');
        if (eq > 0) {
            String param = override.substring(0, eq);
            String value = override.substring(eq + 1);
            boolean present = suiteResults.stream().anyMatch(r -> value.equals(r.params().get(param)));
            if (!present) {
                throw new IllegalArgumentException("baseline " + suite + "=" + override + ": no result has "
                        + param + "=" + value);
            }
            return new ByParam(param, value);
        }
        boolean present = suiteResults.stream().anyMatch(r -> r.method().equals(override));
        if (!present) {
            throw new IllegalArgumentException("baseline " + suite + "=" + override
                    + ": the suite has no method named '" + override + "'");
        }
        return new ByMethod(override);
    }

    private static Kind byConvention(List<JmhResult> suiteResults) {
        Optional<String> method = suiteResults.stream().map(JmhResult::method)
                .filter(m -> m.startsWith(PREFIX)).findFirst();
        if (method.isPresent()) {
            return new ByMethod(method.get());
        }
        for (JmhResult r : suiteResults) {
            for (Map.Entry<String, String> p : r.params().entrySet()) {
                if (p.getValue().startsWith(PREFIX)) {
                    return new ByParam(p.getKey(), p.getValue());
                }
            }
        }
        return new None();
    }
}
