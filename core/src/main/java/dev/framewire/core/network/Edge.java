package dev.framewire.core.network;

import java.util.Objects;

/**
 * A connection from an output port to an input port. An output with several edges broadcasts: every edge receives
 * every item. An input has exactly one edge (fan-in goes through MergeAny or MergeSynch).
 */
public record Edge(Port from, Port to) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return from.qualifiedName() + " -> " + to.qualifiedName();
    }
}
