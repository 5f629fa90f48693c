package dev.framewire.core.process;

import dev.framewire.core.internal.BatchSpawner;
import dev.framewire.core.engine.BusyItem;
import dev.framewire.core.engine.FrameOwnership;
import dev.framewire.core.engine.StageContext;
import dev.framewire.core.engine.StageInbox;
import dev.framewire.core.engine.TransformStage;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Computes one transform node in child JVMs for the thread engine's coordinator. Items wait in one queue shared by
 * the node's replicas; per replica, a sender thread moves the next item to its child as soon as the replica's
 * {@link RemoteWorker} has room in its window (so the child finds it queued when it finishes the previous one), and
 * a receiver thread hands the outcomes back through the {@link StageContext}, in the order the child computed them.
 *
 * <p>An item's frames are released as soon as they were copied into the payload arena (the child reads them there),
 * or otherwise when the item's outcome arrived. A result that holds frames is the stage's to hand on: a fresh copy,
 * or a frame the child wrote into its granted arena slot, wrapped in place (its last release gives the slot back;
 * sent on to other children, it is read there without another copy). Such a frame held for long holds its slot: the
 * arena then has fewer slots for the frames in flight, and grants stop while fewer than two slots are free, so items
 * still flow (their frames by the old path).
 *
 * <p>Concurrency: as {@link TransformStage} requires; {@link #close} may race a {@link #submit} (the item is then
 * either taken back by submit, which throws, or released by close: never both, never neither).
 */
final class ProcessStage implements TransformStage {
    /** Items in flight per child: one being computed, the next one queued behind it. */
    static final int WINDOW = Math.max(1, Integer.getInteger("framewire.process.window", 2));

    private final String node;
    private final StageContext context;
    private final List<RemoteWorker> workers = new ArrayList<>();
    private final int consumers;
    private final LongPredicate alreadyDelivered;
    private final int maxInFlight;
    private final StageInbox inbox;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param consumers        how many child-run nodes receive the same items as this one (its broadcast siblings
     *                         and itself)
     * @param alreadyDelivered items an interrupted earlier run delivered to every sink: dropped here, not computed
     */
    ProcessStage(ProcessRun run, TransformNode node, StageContext context, String threadPrefix, int consumers,
                 LongPredicate alreadyDelivered) {
        this.node = node.name();
        this.consumers = consumers;
        this.alreadyDelivered = alreadyDelivered;
        this.context = context;
        int replicas = node.workers();
        // each child's window full, and one more item per replica waiting in the queue
        this.maxInFlight = replicas * (WINDOW + 1);
        this.inbox = new StageInbox(maxInFlight + replicas);
        for (int r = 0; r < replicas; r++) {
            RemoteWorker w = run.worker(node.name(), r);
            workers.add(w);
            String name = threadPrefix + node.name() + "#" + r + "-child";
            threads.add(daemon(() -> sendLoop(w), name + "-send"));
            threads.add(daemon(() -> receiveLoop(w), name + "-receive"));
        }
        BatchSpawner.start(threads);
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public void submit(long sequence, Object item) throws InterruptedException {
        if (alreadyDelivered.test(sequence)) {
            FrameOwnership.release(item);
            context.completed(sequence, null);
            return;
        }
        inbox.put(sequence, item);
    }

    @Override
    public void endOfInput() throws InterruptedException {
        inbox.endOfInput(workers.size());
    }

    private void sendLoop(RemoteWorker worker) {
        try {
            while (true) {
                StageInbox.Task task = inbox.take();
                if (task == null) {
                    worker.endOrders();
                    return;
                }
                boolean keep;
                try {
                    keep = worker.send(task.sequence(), task.item(), consumers, WINDOW);
                } catch (RemoteWorker.StoppedException | InterruptedException e) {
                    // the stage is closing (interrupted while the child's window was full): nothing was sent
                    FrameOwnership.release(task.item());
                    return;
                } catch (ProcessEngineException e) {
                    fail(task, e.getMessage());
                    context.abortRun(e.getMessage(), e);
                    return;
                } catch (RuntimeException e) {
                    // an item no codec can encode, for instance: this item fails, the next one goes on
                    fail(task, ItemError.describe(e));
                    continue;
                }
                if (!keep) {
                    FrameOwnership.release(task.item());
                }
            }
        } catch (InterruptedException e) {
            // the stage is closing
        } finally {
            worker.endOfSends();
        }
    }

    private void fail(StageInbox.Task task, String message) {
        FrameOwnership.release(task.item());
        inbox.done();
        context.failed(task.sequence(), message);
    }

    private void receiveLoop(RemoteWorker worker) {
        try {
            RemoteWorker.Result r;
            while ((r = worker.next()) != null) {
                FrameOwnership.release(r.item());
                // counted before it is delivered: once the coordinator saw every outcome, nothing is in flight
                inbox.done();
                switch (r.kind()) {
                    case VALUE -> context.completed(r.sequence(), r.value());
                    case DROPPED -> context.completed(r.sequence(), null);
                    case ERROR, DIED -> context.failed(r.sequence(), r.error());
                    case FATAL -> {
                        context.abortRun(r.error(), null);
                        context.failed(r.sequence(), r.error());
                        return;
                    }
                }
            }
        } catch (RemoteWorker.StoppedException | InterruptedException e) {
            // the stage is closing
        } catch (ProcessEngineException e) {
            context.abortRun(e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof InterruptedException)) {
                context.abortRun("node '" + node + "': " + ItemError.describe(e), e);
            }
        }
    }

    @Override
    public List<BusyItem> busy() {
        List<BusyItem> busy = new ArrayList<>();
        for (int r = 0; r < workers.size(); r++) {
            RemoteWorker w = workers.get(r);
            long held = w.heldSequence();
            String item = w.heldItem();
            if (held >= 0 && item != null) {
                busy.add(new BusyItem(node + "#" + r + " (child pid " + w.pid() + ")", held, item));
            }
        }
        return busy;
    }

    /**
     * Stops the threads and releases what the stage holds. If items are still in flight (the run stops early:
     * timeout, fail-fast), their children are killed at once.
     */
    @Override
    public void close() {
        inbox.close();
        if (inbox.inFlight() > 0) {
            for (RemoteWorker w : workers) {
                w.stop();
            }
        }
        StageInbox.stopConsumers(threads);
        for (RemoteWorker w : workers) {
            w.abandon().forEach(FrameOwnership::release);
        }
        inbox.releaseQueued();
    }
}
