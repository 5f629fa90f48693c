package dev.framewire.core.network;

import java.util.List;

/** Consumes items through a {@link SinkFunction}. */
public final class SinkNode extends Node {
    private final SinkFunction<Object> function;

    SinkNode(String name, Class<?> type, SinkFunction<Object> function) {
        super(name, NodeKind.SINK, List.of(in(name, "in", type)), List.of());
        this.function = function;
    }

    public SinkFunction<Object> function() {
        return function;
    }

    @Override
    Node renamed(String newName) {
        return new SinkNode(newName, input().type(), function);
    }
}
