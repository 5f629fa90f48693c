package dev.framewire.core.network;

import java.util.List;
import java.util.Objects;

/**
 * One node of a built {@link Network}: immutable, introspectable, and interpreted by engines. Engines switch on
 * {@link #kind()} and read the function and ports from the concrete subclass.
 *
 * <p>Every node function can be called directly, without an engine, which is how a unit test checks one node.
 */
public abstract sealed class Node
        permits SourceNode, TransformNode, AsyncTransformNode, StreamTransformNode, SinkNode, MergeSynchNode,
        MergeAnyNode, SplitNode, BoundaryNode {
    private final String name;
    private final NodeKind kind;
    private final List<Port> inputs;
    private final List<Port> outputs;

    Node(String name, NodeKind kind, List<Port> inputs, List<Port> outputs) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    public final String name() {
        return name;
    }

    public final NodeKind kind() {
        return kind;
    }

    /** Input ports, in index order (for merges: {@code in0, in1, ...}). */
    public final List<Port> inputs() {
        return inputs;
    }

    /** Output ports, in index order. */
    public final List<Port> outputs() {
        return outputs;
    }

    /** The only input port. @throws IllegalStateException if the node has none or several */
    public final Port input() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("node '" + name + "' has " + inputs.size() + " inputs, not one");
        }
        return inputs.get(0);
    }

    /** The only output port. @throws IllegalStateException if the node has none or several */
    public final Port output() {
        if (outputs.size() != 1) {
            throw new IllegalStateException("node '" + name + "' has " + outputs.size() + " outputs, not one");
        }
        return outputs.get(0);
    }

    /** Number of replicas an engine runs; 1 except for transforms given {@code workers(n)}. */
    public int workers() {
        return 1;
    }

    /** The same node under another name (nesting prefixes inner names with the subnetwork's). */
    abstract Node renamed(String newName);

    static Port in(String node, String port, Class<?> type) {
        return new Port(node, port, type, Port.Direction.IN);
    }

    static Port out(String node, String port, Class<?> type) {
        return new Port(node, port, type, Port.Direction.OUT);
    }

    @Override
    public String toString() {
        return kind + " '" + name + "' " + inputs + " -> " + outputs + (workers() > 1 ? " x" + workers() : "");
    }
}
