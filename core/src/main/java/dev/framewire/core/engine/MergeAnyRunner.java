package dev.framewire.core.engine;

import dev.framewire.core.network.Node;

/** Takes whatever arrives on any input (a batch per input per round, for fairness) and renumbers it 0..m-1. */
final class MergeAnyRunner extends Runner {
    private static final int BATCH = 64;

    MergeAnyRunner(Node node, RunState state, SpscChannel[] ins, Outlet out) {
        super(node.name(), node, state, ins, new Outlet[]{out});
    }

    @Override
    void body() {
        long next = 0;
        int n = ins.length;
        while (true) {
            if (state.stopped()) {
                throw Stopped.INSTANCE;
            }
            boolean progress = false;
            int open = 0;
            for (int i = 0; i < n; i++) {
                SpscChannel in = ins[i];
                for (int b = 0; b < BATCH && in.hasNext(); b++) {
                    progress = true;
                    in.peekSequence();
                    Object payload = in.take();
                    metrics.in++;
                    if (payload == Markers.DROPPED) {
                        continue;
                    }
                    if (Markers.isValue(payload)) {
                        metrics.out++;
                    }
                    emit(0, next++, payload);
                }
                if (!in.isEnded()) {
                    open++;
                }
            }
            if (open == 0) {
                return;
            }
            pace(progress);
        }
    }
}
