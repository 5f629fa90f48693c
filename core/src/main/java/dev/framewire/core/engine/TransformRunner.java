package dev.framewire.core.engine;

import dev.framewire.core.network.TransformNode;

import java.util.function.Function;

/** A transform with one worker, computed inline on its own thread: the fast path (no reordering needed). */
final class TransformRunner extends Runner {
    private final Function<Object, Object> function;
    private final Class<?> outType;

    TransformRunner(TransformNode node, RunState state, SpscChannel in, Outlet out) {
        super(node.name(), node, state, new SpscChannel[]{in}, new Outlet[]{out});
        this.function = node.newFunction(); // on the caller's thread: a factory that fails, fails the run at once
        this.outType = node.output().type();
    }

    @Override
    void body() {
        SpscChannel in = ins[0];
        while (await(in)) {
            long sequence = in.peekSequence();
            Object payload = in.take();
            metrics.in++;
            if (Markers.isValue(payload)) {
                busy(sequence, payload);
                payload = NodeLogic.transform(name, function, outType, sequence, payload, metrics, state);
                notBusy();
            }
            emit(0, sequence, payload);
        }
    }
}
