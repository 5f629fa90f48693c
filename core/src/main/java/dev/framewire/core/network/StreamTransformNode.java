package dev.framewire.core.network;

import dev.framewire.core.fn.StreamFunction;

import java.util.List;

/**
 * A stream-shaped transform: one call of its {@link StreamFunction} per run maps the input stream to the output
 * stream. Because outputs need not correspond to inputs, the node numbers its outputs 0..m-1 afresh.
 *
 * <p>Error outcomes arriving on the input are not shown to the function; they are passed on in arrival order
 * (taking the next output number, their {@link ItemError} unchanged). If the function itself throws, the node
 * emits one error outcome and ends its output. Frames given to the function become its responsibility: it must
 * release those it does not pass on.
 */
public final class StreamTransformNode extends Node {
    private final StreamFunction<Object, Object> function;

    StreamTransformNode(String name, Class<?> inType, Class<?> outType, StreamFunction<Object, Object> function) {
        super(name, NodeKind.STREAM_TRANSFORM, List.of(in(name, "in", inType)), List.of(out(name, "out", outType)));
        this.function = function;
    }

    public StreamFunction<Object, Object> function() {
        return function;
    }

    @Override
    Node renamed(String newName) {
        return new StreamTransformNode(newName, input().type(), output().type(), function);
    }
}
