package dev.framewire.core.engine;

import dev.framewire.core.network.SinkFunction;
import dev.framewire.core.network.SinkNode;

/** Delivers values and errors to a sink function, one at a time in sequence order, then its end of stream. */
final class SinkRunner extends Runner {
    private final SinkFunction<Object> function;

    SinkRunner(SinkNode node, SinkFunction<Object> function, RunState state, SpscChannel in) {
        super(node.name(), node, state, new SpscChannel[]{in}, new Outlet[0]);
        this.function = function;
    }

    @Override
    void body() {
        SpscChannel in = ins[0];
        long last = -1;
        while (await(in)) {
            long sequence = in.peekSequence();
            Object payload = in.take();
            last = sequence;
            busy(sequence, payload);
            NodeLogic.sink(name, function, sequence, payload, metrics, state);
            notBusy();
        }
        busy(last + 1, "end of stream");
        NodeLogic.sinkEnd(name, function, last + 1, metrics, state);
        notBusy();
    }
}
