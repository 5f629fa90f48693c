package dev.framewire.core.network;

import java.util.List;

/**
 * A port of a nestable network, seen from inside: an input boundary emits what the enclosing network sends in;
 * an output boundary receives what the nested network sends out. Nesting replaces boundaries by direct edges, so
 * engines never run one; a network that still has boundaries can only be nested, not run.
 */
public final class BoundaryNode extends Node {
    BoundaryNode(String name, NodeKind kind, Class<?> type) {
        super(name, kind,
                kind == NodeKind.NETWORK_OUTPUT ? List.of(in(name, "in", type)) : List.of(),
                kind == NodeKind.NETWORK_INPUT ? List.of(out(name, "out", type)) : List.of());
        if (kind != NodeKind.NETWORK_INPUT && kind != NodeKind.NETWORK_OUTPUT) {
            throw new IllegalArgumentException("not a boundary kind: " + kind);
        }
    }

    public Class<?> type() {
        return kind() == NodeKind.NETWORK_INPUT ? output().type() : input().type();
    }

    @Override
    Node renamed(String newName) {
        return new BoundaryNode(newName, kind(), type());
    }
}
