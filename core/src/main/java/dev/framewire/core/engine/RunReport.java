package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a run did: per node counts, times and latency percentiles, the errors (all counted, the first
 * {@link RunOptions#maxRecordedErrors()} kept), and engine-specific extensions (the process engine adds channel and
 * child statistics there).
 */
public final class RunReport {
    private final String network;
    private final String engine;
    private final Duration elapsed;
    private final List<NodeReport> nodes;
    private final List<ItemError> errors;
    private final long errorCount;
    private final Map<String, Object> extensions;

    public RunReport(String network, String engine, Duration elapsed, List<NodeReport> nodes, List<ItemError> errors,
                     long errorCount, Map<String, Object> extensions) {
        this.network = network;
        this.engine = engine;
        this.elapsed = elapsed;
        this.nodes = List.copyOf(nodes);
        this.errors = List.copyOf(errors);
        this.errorCount = errorCount;
        this.extensions = Map.copyOf(extensions);
    }

    public String network() {
        return network;
    }

    public String engine() {
        return engine;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** One report per node, in the network's topological order. */
    public List<NodeReport> nodes() {
        return nodes;
    }

    /** The report of node {@code name}. @throws NoSuchElementException naming it if there is none */
    public NodeReport node(String name) {
        for (NodeReport n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new NoSuchElementException("no node named '" + name + "' in the report of network '" + network + "'");
    }

    /** Errors created during the run, in the order they were recorded (possibly truncated; see {@link #errorCount()}). */
    public List<ItemError> errors() {
        return errors;
    }

    /** Errors created during the run, all of them counted. */
    public long errorCount() {
        return errorCount;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("run of network '").append(network).append("' on ").append(engine).append(": ")
                .append(elapsed.toMillis()).append(" ms, ").append(errorCount).append(" errors\n");
        for (NodeReport n : nodes) {
            sb.append("  ").append(n).append('\n');
        }
        extensions.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
