package dev.framewire.core.engine;

import dev.framewire.core.network.SinkNode;

/** Delivers values and errors to a sink function, one at a time in sequence order, then its end of stream. */
final class SinkRunner extends Runner {
    private final SinkNode sink;

    SinkRunner(SinkNode node, RunState state, SpscChannel in) {
        super(node.name(), node, state, new SpscChannel[]{in}, new Outlet[0]);
        this.sink = node;
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
            NodeLogic.sink(name, sink.function(), sequence, payload, metrics, state);
            notBusy();
        }
        busy(last + 1, "end of stream");
        NodeLogic.sinkEnd(name, sink.function(), last + 1, metrics, state);
        notBusy();
    }
}
