package dev.framewire.core.network;

import dev.framewire.core.fn.SerializableFunction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Routes each item to the outputs its router names (zero, one or several; several broadcast). Outputs not chosen
 * for a sequence number receive a drop for it, so a MergeSynch after a Split still lines up by sequence number.
 * A router that throws, or names an unknown output, makes an error outcome sent to every output.
 */
public final class SplitNode extends Node {
    private final SerializableFunction<Object, ? extends Collection<String>> router;

    SplitNode(String name, Class<?> type, List<String> outputs, SerializableFunction<Object, ? extends Collection<String>> router) {
        super(name, NodeKind.SPLIT, List.of(in(name, "in", type)), ports(name, type, outputs));
        this.router = router;
    }

    private static List<Port> ports(String name, Class<?> type, List<String> outputs) {
        List<Port> ports = new ArrayList<>();
        for (String output : outputs) {
            ports.add(out(name, output, type));
        }
        return ports;
    }

    /** The names of the outputs {@code item} goes to. */
    public Collection<String> route(Object item) {
        return router.apply(item);
    }

    public SerializableFunction<Object, ? extends Collection<String>> router() {
        return router;
    }

    /** Index of the output port named {@code output}, or -1. */
    public int outputIndex(String output) {
        List<Port> outs = outputs();
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i).name().equals(output)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    Node renamed(String newName) {
        return new SplitNode(newName, input().type(), outputs().stream().map(Port::name).toList(), router);
    }
}
