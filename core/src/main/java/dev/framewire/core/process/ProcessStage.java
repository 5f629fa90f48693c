package dev.framewire.core.process;

import dev.framewire.core.engine.BusyItem;
import dev.framewire.core.engine.FrameOwnership;
import dev.framewire.core.engine.PolledStage;
import dev.framewire.core.engine.StageContext;
import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Computes one transform node in child JVMs for the thread engine's coordinator, driven by the node's one coordinator
 * thread ({@link PolledStage}): {@link #submit} appends the item to the orders of the replica with the fewest items in
 * flight (each replica's {@link RemoteWorker} keeps up to {@link #WINDOW} there, so a child finds its next item queued
 * the moment it finishes one), and {@link #poll} hands back through the {@link StageContext} the outcomes the
 * children appended, each replica's in the order it computed them.
 *
 * <p>Why no threads of its own: a sender and a receiver per replica, between the node's dispatcher and collector,
 * made an item cross five threads of the coordinator on its way through one node, each a park and a wake-up; the
 * driving thread does the same work with two wake-ups, one when the item arrives and one when its outcome does.
 *
 * <p>An item's frames are released as soon as they were copied into the payload arena (the child reads them there),
 * or otherwise when the item's outcome arrived. A result that holds frames is the stage's to hand on: a fresh copy,
 * or a frame the child wrote into its granted arena slot, wrapped in place (its last release gives the slot back;
 * sent on to other children, it is read there without another copy). Such a frame held for long holds its slot: the
 * arena then has fewer slots for the frames in flight, and grants stop while fewer than two slots are free, so items
 * still flow (their frames by the old path).
 *
 * <p>Concurrency: as {@link PolledStage} requires; {@link #busy} and {@link #close} may be called from other threads
 * (a timeout, a stopping run). The driving thread's calls and the end of {@link #close} hold this object's lock, so
 * that close never releases what a poll is handing back; every item is released once (by submit's caller if submit
 * threw, else by the stage).
 */
final class ProcessStage implements PolledStage {
    /** Items in flight per child: one being computed, the next one queued behind it. */
    static final int WINDOW = Math.max(1, Integer.getInteger("framewire.process.window", 2));
    /**
     * How long a frame-making node with nothing in flight waits for an arena slot before it sends an item without
     * one: several times what an analyzer takes on a 12 MP frame, so that in a pipeline that flows a slot always
     * comes first.
     */
    static final long SLOT_PATIENCE_NANOS = 100_000_000L;

    private final String node;
    private final StageContext context;
    private final SharedPayloads payloads;
    private final List<RemoteWorker> workers = new ArrayList<>();
    private final int consumers;
    private final LongPredicate alreadyDelivered;
    private final int maxInFlight;
    private int nextPoll;
    /** when the driving thread began waiting for a slot to grant with nothing in flight, or -1 */
    private long waitingForSlotSince = -1;
    /** set by {@link #close} under this object's lock: nothing is sent or handed back after it */
    private boolean closed;

    /**
     * @param consumers        how many child-run nodes receive the same items as this one (its broadcast siblings
     *                         and itself)
     * @param alreadyDelivered items an interrupted earlier run delivered to every sink: dropped here, not computed
     */
    ProcessStage(ProcessRun run, TransformNode node, StageContext context, int consumers,
                 LongPredicate alreadyDelivered) {
        this.node = node.name();
        this.consumers = consumers;
        this.alreadyDelivered = alreadyDelivered;
        this.context = context;
        this.payloads = run.payloads();
        int replicas = node.workers();
        // each child's window full, and one outcome per replica waiting for an earlier item of another replica
        this.maxInFlight = replicas * (WINDOW + 1);
        for (int r = 0; r < replicas; r++) {
            workers.add(run.worker(node.name(), r));
        }
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * A replica has room in its window; and, for a node whose outcomes are frames, the arena has a slot to grant for
     * the outcome. Why wait for a slot: an outcome without one comes back through the results channel, 36 MB for a
     * 12 MP frame, and is then copied into the arena for the nodes downstream (the coordinator allocating, zeroing
     * and copying a frame twice, tens of milliseconds of CPU), while a slot frees as soon as those nodes computed an
     * earlier frame. Why not for ever: frames held downstream for good (a sink keeping them) must not stop the node,
     * so once nothing of it is in flight and no slot came free for {@link #SLOT_PATIENCE_NANOS}, one item goes without.
     */
    @Override
    public boolean hasRoom() {
        RemoteWorker w = leastBusy();
        if (w == null) {
            return false;
        }
        if (!w.outputsFrames() || payloads.canGrant()) {
            waitingForSlotSince = -1;
            return true;
        }
        if (!nothingInFlight()) {
            return false; // its outcomes, once downstream, will free slots or end in the patient branch below
        }
        long now = System.nanoTime();
        if (waitingForSlotSince < 0) {
            waitingForSlotSince = now;
        }
        if (now - waitingForSlotSince < SLOT_PATIENCE_NANOS) {
            return false;
        }
        waitingForSlotSince = -1;
        return true;
    }

    private boolean nothingInFlight() {
        for (RemoteWorker w : workers) {
            if (w.inFlight() > 0) {
                return false;
            }
        }
        return true;
    }

    /** The replica with the fewest items in flight, if it has room in its window. */
    private RemoteWorker leastBusy() {
        RemoteWorker best = null;
        int least = WINDOW;
        for (RemoteWorker w : workers) {
            int n = w.inFlight();
            if (n < least) {
                least = n;
                best = w;
            }
        }
        return best;
    }

    @Override
    public synchronized void submit(long sequence, Object item) throws InterruptedException {
        if (closed) {
            throw new InterruptedException("node '" + node + "' is closed");
        }
        if (alreadyDelivered.test(sequence)) {
            FrameOwnership.release(item);
            context.completed(sequence, null);
            return;
        }
        RemoteWorker worker = leastBusy();
        if (worker == null) {
            throw new IllegalStateException("node '" + node + "': item " + sequence + " submitted with no room");
        }
        boolean keep;
        try {
            keep = worker.send(sequence, item, consumers, WINDOW);
        } catch (RemoteWorker.StoppedException e) {
            // the stage is closing: nothing was sent, the coordinator releases the item
            throw new InterruptedException(e.getMessage());
        } catch (ProcessEngineException e) {
            context.abortRun(e.getMessage(), e);
            throw e;
        }
        // a RuntimeException above (an item no codec can encode, say) fails this item; the next one goes on
        if (!keep) {
            FrameOwnership.release(item);
        }
    }

    @Override
    public synchronized void endOfInput() {
        for (RemoteWorker w : workers) {
            w.endOrders();
        }
    }

    @Override
    public synchronized int poll() {
        if (closed) {
            return 0;
        }
        int delivered = 0;
        int n = workers.size();
        // a different replica first each time, so that a busy one cannot starve the others' outcomes
        for (int k = 0; k < n; k++) {
            RemoteWorker w = workers.get((nextPoll + k) % n);
            RemoteWorker.Result r;
            while ((r = pollOne(w)) != null) {
                delivered++;
                if (!deliver(r)) {
                    return delivered;
                }
            }
        }
        nextPoll = (nextPoll + 1) % n;
        return delivered;
    }

    private RemoteWorker.Result pollOne(RemoteWorker w) {
        try {
            return w.poll();
        } catch (RemoteWorker.StoppedException e) {
            return null; // the stage is closing
        } catch (ProcessEngineException e) {
            context.abortRun(e.getMessage(), e);
            return null;
        }
    }

    /** Hands one outcome to the context. @return false if it stopped the run */
    private boolean deliver(RemoteWorker.Result r) {
        FrameOwnership.release(r.item());
        switch (r.kind()) {
            case VALUE -> context.completed(r.sequence(), r.value());
            case DROPPED -> context.completed(r.sequence(), null);
            case ERROR, DIED -> context.failed(r.sequence(), r.error());
            case FATAL -> {
                context.abortRun(r.error(), null);
                context.failed(r.sequence(), r.error());
                return false;
            }
        }
        return true;
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
     * Releases what the stage holds. If items are still in flight (the run stops early: timeout, fail-fast), their
     * children are killed first, which also ends a restart the driving thread may be waiting for; then this waits
     * until that thread is out of the stage.
     */
    @Override
    public void close() {
        if (!nothingInFlight()) {
            for (RemoteWorker w : workers) {
                w.stop();
            }
        }
        synchronized (this) {
            closed = true;
            for (RemoteWorker w : workers) {
                w.abandon().forEach(FrameOwnership::release);
            }
        }
    }
}
