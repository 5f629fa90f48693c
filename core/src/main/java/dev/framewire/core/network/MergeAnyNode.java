package dev.framewire.core.network;

import java.util.Collections;
import java.util.List;

/**
 * Fans in its inputs ({@code in0..in(n-1)}) in arrival order and numbers its outputs 0..m-1 afresh. Drops are
 * absorbed; error outcomes pass through (their {@link ItemError} unchanged). The sequential engine takes its inputs
 * round-robin, so its order is deterministic there.
 */
public final class MergeAnyNode extends Node {
    MergeAnyNode(String name, Class<?> type, int inputs) {
        super(name, NodeKind.MERGE_ANY, MergeSynchNode.ports(name, Collections.nCopies(inputs, type)),
                List.of(out(name, "out", type)));
        if (inputs < 1) {
            throw new IllegalArgumentException("MergeAny '" + name + "' needs at least 1 input");
        }
    }

    @Override
    Node renamed(String newName) {
        return new MergeAnyNode(newName, output().type(), inputs().size());
    }
}
