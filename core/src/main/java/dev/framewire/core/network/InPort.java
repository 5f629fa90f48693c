package dev.framewire.core.network;

import java.util.List;
import java.util.Objects;

/**
 * A typed handle on an input port while wiring. The input port of a nested network stands for every inner input
 * its boundary feeds, so connecting it connects all of them.
 *
 * @param <T> type of the items the port accepts
 */
public final class InPort<T> {
    private final Port port;
    private final List<Port> targets;

    InPort(Port port) {
        this(port, List.of(port));
    }

    InPort(Port port, List<Port> targets) {
        this.port = Objects.requireNonNull(port);
        this.targets = List.copyOf(targets);
    }

    public Port port() {
        return port;
    }

    /** The model ports an edge into this handle reaches: the port itself, or a nested network's inner inputs. */
    List<Port> targets() {
        return targets;
    }

    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) port.type();
    }

    @Override
    public String toString() {
        return port.toString();
    }
}
