package dev.framewire.core.engine;

import dev.framewire.core.internal.BatchSpawner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A {@link TransformStage} of n replica threads taking items from one shared {@link StageInbox}, each computing one
 * item at a time ({@link #process}): the thread engine's {@code workers(n)}. (The process engine's stage shares the
 * inbox but pipelines a window of items per child, so it has its own sender and receiver threads.)
 *
 * <p>Concurrency: {@link #submit} and {@link #endOfInput} are called by the coordinator's one thread for this node;
 * {@link #busy} and {@link #close} may be called from any thread, and close may race a submit (the item is then
 * either taken back by submit, which throws, or released by close: never both, never neither). Results are reported
 * by the replica threads in completion order; the coordinator restores input order. A lock per hand-off is
 * acceptable: these stages exist for heavy items.
 */
public abstract class QueuedReplicaStage implements TransformStage {
    private final StageInbox inbox;
    private final int maxInFlight;
    private final StageInbox.Task[] current;
    private final List<Thread> threads = new ArrayList<>();

    /** @param replicas how many threads compute items; at most twice as many items are in flight */
    protected QueuedReplicaStage(int replicas) {
        this.maxInFlight = 2 * replicas;
        this.inbox = new StageInbox(maxInFlight + replicas);
        this.current = new StageInbox.Task[replicas];
    }

    /** Starts the replica threads (daemons); call once, when the subclass is fully constructed. */
    protected final void start(IntFunction<String> threadName) {
        for (int r = 0; r < current.length; r++) {
            int replica = r;
            Thread t = new Thread(() -> serve(replica), threadName.apply(r));
            t.setDaemon(true);
            threads.add(t);
        }
        BatchSpawner.start(threads);
    }

    /**
     * Computes one item on replica {@code replica} and reports its outcome through the stage's context. Owns the
     * item: releases its frames (or hands them on in the result).
     *
     * @return false to stop this replica (the stage is closing, or the run was aborted)
     */
    protected abstract boolean process(int replica, long sequence, Object item) throws InterruptedException;

    /** How {@link #busy()} names replica {@code replica}. */
    protected abstract String replicaName(int replica);

    /** Called by {@link #close()} before the replica threads are interrupted. */
    protected void beforeClose(boolean itemsInFlight) {
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public void submit(long sequence, Object item) throws InterruptedException {
        inbox.put(sequence, item);
    }

    @Override
    public void endOfInput() throws InterruptedException {
        inbox.endOfInput(current.length);
    }

    private void serve(int replica) {
        try {
            boolean goOn = true;
            while (goOn) {
                StageInbox.Task task = inbox.take();
                if (task == null) {
                    return;
                }
                synchronized (current) {
                    current[replica] = task;
                }
                try {
                    goOn = process(replica, task.sequence(), task.item());
                } finally {
                    synchronized (current) {
                        current[replica] = null;
                    }
                    inbox.done();
                }
            }
        } catch (InterruptedException e) {
            // the stage is closing
        }
    }

    @Override
    public List<BusyItem> busy() {
        List<BusyItem> busy = new ArrayList<>();
        synchronized (current) {
            for (int r = 0; r < current.length; r++) {
                StageInbox.Task t = current[r];
                if (t != null) {
                    busy.add(new BusyItem(replicaName(r), t.sequence(), BusyItem.describe(t.item())));
                }
            }
        }
        return busy;
    }

    /** Stops the replica threads (waiting up to 10 s for each) and releases the items still queued. */
    @Override
    public void close() {
        inbox.close();
        beforeClose(inbox.inFlight() > 0);
        StageInbox.stopConsumers(threads);
        inbox.releaseQueued();
    }
}
