package dev.framewire.core.engine;

import dev.framewire.core.network.SplitNode;

/** Routes each value to the outputs its router names; drops and errors go to every output. */
final class SplitRunner extends Runner {
    private final SplitNode split;
    private final Object[] routed;

    SplitRunner(SplitNode node, RunState state, SpscChannel in, Outlet[] outs) {
        super(node.name(), node, state, new SpscChannel[]{in}, outs);
        this.split = node;
        this.routed = new Object[outs.length];
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
                NodeLogic.split(split, sequence, payload, routed, metrics, state);
                notBusy();
            } else {
                java.util.Arrays.fill(routed, payload);
            }
            for (int p = 0; p < routed.length; p++) {
                Object out = routed[p];
                routed[p] = null;
                try {
                    emit(p, sequence, out);
                } catch (Stopped stopped) {
                    for (int q = p + 1; q < routed.length; q++) {
                        if (Markers.isValue(routed[q])) {
                            FrameOwnership.release(routed[q]);
                        }
                    }
                    throw stopped;
                }
            }
        }
    }
}
