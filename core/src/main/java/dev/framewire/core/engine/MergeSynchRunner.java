package dev.framewire.core.engine;

import dev.framewire.core.network.MergeSynchNode;

/**
 * Joins the heads of its inputs by sequence number. It only peeks at a head until every input has one, so nothing
 * is held while it waits; inputs that end early make the remaining items error outcomes (unequal lengths).
 */
final class MergeSynchRunner extends Runner {
    private final MergeSynchNode merge;
    private final Object[] items;
    private final boolean[] ended;
    private final long[] lengths;

    MergeSynchRunner(MergeSynchNode node, RunState state, SpscChannel[] ins, Outlet out) {
        super(node.name(), node, state, ins, new Outlet[]{out});
        this.merge = node;
        this.items = new Object[ins.length];
        this.ended = new boolean[ins.length];
        this.lengths = new long[ins.length];
    }

    @Override
    void body() {
        int n = ins.length;
        while (true) {
            int present = 0;
            for (int i = 0; i < n; i++) {
                if (!ended[i] && !await(ins[i])) {
                    ended[i] = true;
                }
                if (!ended[i]) {
                    present++;
                }
            }
            if (present == 0) {
                return;
            }
            long sequence = -1;
            for (int i = 0; i < n; i++) {
                if (!ended[i]) {
                    long s = ins[i].peekSequence();
                    if (sequence < 0) {
                        sequence = s;
                    } else if (s != sequence) {
                        throw new IllegalStateException("MergeSynch '" + name + "' sees item #" + sequence + " and item #" + s
                                + " at the heads of its inputs (sequence numbers on an edge must have no gaps)");
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (!ended[i]) {
                    items[i] = ins[i].take();
                    lengths[i]++;
                    metrics.in++;
                }
            }
            Object out;
            if (present < n) {
                int endedInput = 0;
                while (!ended[endedInput]) {
                    endedInput++;
                }
                out = null;
                for (int i = 0; i < n; i++) {
                    if (ended[i]) {
                        continue;
                    }
                    if (out == null) {
                        out = NodeLogic.unmatched(merge, sequence, items[i], endedInput, lengths[endedInput], metrics, state);
                    } else if (Markers.isValue(items[i])) {
                        FrameOwnership.release(items[i]);
                    }
                }
            } else {
                busy(sequence, "the items of #" + sequence);
                out = NodeLogic.mergeSynch(merge, sequence, items, metrics, state);
                notBusy();
            }
            java.util.Arrays.fill(items, null);
            emit(0, sequence, out);
        }
    }
}
