package dev.framewire.core.network;

import dev.framewire.core.engine.Engine;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.engine.SequentialEngine;
import dev.framewire.core.engine.ThreadEngine;
import dev.framewire.core.process.ProcessEngine;
import dev.framewire.core.process.ProcessOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A dataflow network: an immutable, validated graph of {@link Node}s and {@link Edge}s, wired once with
 * {@link #builder(String)} and run by any {@link Engine}. The same object runs sequentially, on threads, or in
 * processes; switching is one call:
 *
 * <pre>{@code
 * RunReport r1 = network.runSequential();
 * RunReport r2 = network.runThreads(Duration.ofMinutes(5));
 * RunReport r4 = network.runProcesses(Duration.ofMinutes(5));
 * RunReport r3 = network.run(new SomeEngine(), RunOptions.defaults().withFailFast(true));
 * }</pre>
 *
 * <p>Nodes are listed in topological order (every node after all its upstream nodes). A network is thread-safe to
 * read and may run several times (if its sources can: see {@link SourceNode}), including concurrently when its node
 * functions allow it.
 */
public final class Network {
    private final String name;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, Node> byName;
    private final Map<Port, List<Edge>> edgesFrom;
    private final Map<Port, Edge> edgeInto;

    Network(String name, List<Node> nodes, List<Edge> edges) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        Map<String, Node> names = new LinkedHashMap<>();
        for (Node n : this.nodes) {
            names.put(n.name(), n);
        }
        this.byName = Collections.unmodifiableMap(names);
        Map<Port, List<Edge>> from = new HashMap<>();
        Map<Port, Edge> into = new HashMap<>();
        for (Edge e : this.edges) {
            from.computeIfAbsent(e.from(), p -> new ArrayList<>()).add(e);
            into.put(e.to(), e);
        }
        from.replaceAll((p, list) -> List.copyOf(list));
        this.edgesFrom = Map.copyOf(from);
        this.edgeInto = Map.copyOf(into);
    }

    /** Starts wiring a network named {@code name}. */
    public static NetworkBuilder builder(String name) {
        return new NetworkBuilder(name);
    }

    public String name() {
        return name;
    }

    /** All nodes, in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** All edges, in the order they were wired. */
    public List<Edge> edges() {
        return edges;
    }

    /** The node named {@code name}. @throws NoSuchElementException naming it if there is none */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new NoSuchElementException("no node named '" + name + "' in network '" + this.name + "'");
        }
        return n;
    }

    /** The edges leaving output {@code port}: one, or several for a broadcast. */
    public List<Edge> edgesFrom(Port port) {
        return edgesFrom.getOrDefault(Objects.requireNonNull(port), List.of());
    }

    /** The edge entering input {@code port}. @throws NoSuchElementException if the port is not an input here */
    public Edge edgeInto(Port port) {
        Edge e = edgeInto.get(port);
        if (e == null) {
            throw new NoSuchElementException("no edge into '" + port.qualifiedName() + "' in network '" + name + "'");
        }
        return e;
    }

    /** The input boundaries (non-empty for a network meant to be nested). */
    public List<Node> inputs() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.NETWORK_INPUT).toList();
    }

    /** The output boundaries (non-empty for a network meant to be nested). */
    public List<Node> outputs() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.NETWORK_OUTPUT).toList();
    }

    /**
     * For engines: fails unless this network can run on its own.
     *
     * @throws IllegalArgumentException naming the boundary if the network has input or output ports (nest it instead)
     */
    public void checkRunnable() {
        for (Node n : nodes) {
            if (n.kind() == NodeKind.NETWORK_INPUT || n.kind() == NodeKind.NETWORK_OUTPUT) {
                throw new IllegalArgumentException("network '" + name + "' has the " + (n.kind() == NodeKind.NETWORK_INPUT
                        ? "input" : "output") + " port '" + n.name() + "'; it can only run nested in another network");
            }
        }
    }

    /** Runs on {@code engine} with {@code options}. */
    public RunReport run(Engine engine, RunOptions options) {
        return engine.run(this, options);
    }

    /** Runs on the calling thread, deterministically; see {@link SequentialEngine}. */
    public RunReport runSequential() {
        return run(new SequentialEngine(), RunOptions.defaults());
    }

    /** Runs on the calling thread with {@code options}. */
    public RunReport runSequential(RunOptions options) {
        return run(new SequentialEngine(), options);
    }

    /** Runs on threads, failing with a report of the busy nodes after {@code timeout}; see {@link ThreadEngine}. */
    public RunReport runThreads(Duration timeout) {
        return run(new ThreadEngine(), RunOptions.defaults().withTimeout(timeout));
    }

    /** Runs on threads with {@code options}. */
    public RunReport runThreads(RunOptions options) {
        return run(new ThreadEngine(), options);
    }

    /**
     * Runs with every transform in child JVMs, failing with a report of the busy nodes after {@code timeout};
     * see {@link ProcessEngine}.
     */
    public RunReport runProcesses(Duration timeout) {
        return run(new ProcessEngine(), RunOptions.defaults().withTimeout(timeout));
    }

    /** Runs with every transform in child JVMs, with {@code processOptions} and {@code options}. */
    public RunReport runProcesses(ProcessOptions processOptions, RunOptions options) {
        return run(new ProcessEngine(processOptions), options);
    }

    /** A readable listing of nodes and edges. */
    public String describe() {
        StringBuilder sb = new StringBuilder("network '").append(name).append("'\n");
        for (Node n : nodes) {
            sb.append("  ").append(n).append('\n');
        }
        for (Edge e : edges) {
            sb.append("  ").append(e).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Network[" + name + ", " + nodes.size() + " nodes, " + edges.size() + " edges]";
    }
}
