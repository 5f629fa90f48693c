package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.SourceNode;

import java.util.Iterator;

/** Numbers the source's items 0..n-1 and emits them; an exception of the iterator ends the stream with an error. */
final class SourceRunner extends Runner {
    private final Iterator<?> items;
    private final Class<?> type;

    SourceRunner(SourceNode node, RunState state, Outlet out) {
        super(node.name(), node, state, new SpscChannel[0], new Outlet[]{out});
        this.items = node.open(); // on the caller's thread, so a source that cannot open fails the run before it starts
        this.type = node.type();
    }

    @Override
    void body() {
        for (long sequence = 0; ; sequence++) {
            if (state.stopped()) {
                throw Stopped.INSTANCE;
            }
            busy(sequence, "the next item");
            boolean timed = metrics.startTiming();
            long start = timed ? System.nanoTime() : 0;
            Object item;
            try {
                if (!items.hasNext()) {
                    notBusy();
                    return;
                }
                item = items.next();
            } catch (Throwable t) {
                NodeLogic.rethrowFatal(t);
                notBusy();
                if (state.stopped()) {
                    throw Stopped.INSTANCE;
                }
                metrics.errors++;
                emit(0, sequence, state.error(ItemError.of(name, sequence, t)));
                return;
            }
            notBusy();
            if (timed) {
                metrics.timed(System.nanoTime() - start);
            }
            if (item == null) {
                metrics.errors++;
                emit(0, sequence, state.error(new ItemError(name, sequence, "source yielded null")));
            } else {
                emit(0, sequence, NodeLogic.checkResult(name, type, sequence, item, metrics, state));
            }
        }
    }
}
