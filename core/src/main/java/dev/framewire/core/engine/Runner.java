package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.Node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The body of one thread of a thread-engine run: a node, or a part of one (a staged transform's collector).
 *
 * <p>A runner owns its {@link NodeMetrics} and {@link IdleStrategy} (single writer). It ends normally by closing
 * its outputs (end of stream downstream); when the run stops it unwinds with {@link Stopped} instead, and whatever
 * it still held is released by the engine after every thread has been joined. A throwable escaping a node function
 * is never seen here (node functions are wrapped by {@link NodeLogic}); one that does escape is an engine failure
 * and stops the run, naming the node.
 */
abstract class Runner implements Runnable {
    private static final VarHandle BUSY_SEQUENCE;

    static {
        try {
            BUSY_SEQUENCE = MethodHandles.lookup().findVarHandle(Runner.class, "busySequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String name;
    final Node node;
    final RunState state;
    final NodeMetrics metrics;
    final IdleStrategy idle = IdleStrategy.forRunners();
    final SpscChannel[] ins;
    final Outlet[] outs;
    private Runnable onExit = () -> { };
    /** when the current wait of {@link #pace} began, or 0 */
    private long idleSince;

    /** sequence number of the item inside a node function now, or -1; written with release, read by the timeout */
    @SuppressWarnings("unused")
    private volatile long busySequence = -1;
    /** plain: published by the release store of busySequence that follows it */
    private Object busyItem;

    Runner(String name, Node node, RunState state, SpscChannel[] ins, Outlet[] outs) {
        this.name = name;
        this.node = node;
        this.state = state;
        this.metrics = new NodeMetrics(state.options.recordLatency());
        this.ins = ins;
        this.outs = outs;
    }

    void onExit(Runnable action) {
        this.onExit = action;
    }

    @Override
    public final void run() {
        try {
            body();
            closeOutputs();
        } catch (Stopped stopped) {
            // the run is stopping; the engine releases what is left
        } catch (Throwable t) {
            if (!state.stopped()) {
                state.fail(new RunFailedException("node '" + name + "' stopped unexpectedly: "
                        + ItemError.describe(t), null, null, t));
            }
        } finally {
            onExit.run();
        }
    }

    abstract void body() throws Exception;

    /** Ends the streams downstream after {@link #body} returned normally. */
    void closeOutputs() {
        for (Outlet out : outs) {
            out.close();
        }
    }

    /**
     * Waits until {@code in} has a message. @return false when its stream ended
     * @throws Stopped when the run stops
     */
    final boolean await(SpscChannel in) {
        if (state.stopped()) {
            throw Stopped.INSTANCE;
        }
        if (in.hasNext()) {
            return true;
        }
        long start = System.nanoTime();
        idle.reset();
        while (!in.hasNext()) {
            if (in.isEnded()) {
                metrics.waitNanos += System.nanoTime() - start;
                return false;
            }
            if (state.stopped()) {
                throw Stopped.INSTANCE;
            }
            idle.idle();
        }
        metrics.waitNanos += System.nanoTime() - start;
        return true;
    }

    /**
     * For a runner that polls several sources in one loop: after a round that made {@code progress}, counts the wait
     * that ended and starts the next one spinning; after an idle round, waits a little (and times the wait from its
     * first idle round).
     */
    final void pace(boolean progress) {
        if (progress) {
            if (idleSince != 0) {
                metrics.waitNanos += System.nanoTime() - idleSince;
                idleSince = 0;
            }
            idle.reset();
        } else {
            if (idleSince == 0) {
                idleSince = System.nanoTime();
            }
            idle.idle();
        }
    }

    /** Waits until {@code out} takes the message. @throws Stopped when the run stops (the message not sent) */
    final void offer(SpscChannel out, long sequence, Object payload, boolean frames) {
        if (out.offer(sequence, payload, frames)) {
            return;
        }
        long start = System.nanoTime();
        idle.reset();
        while (!out.offer(sequence, payload, frames)) {
            if (state.stopped()) {
                metrics.blockedNanos += System.nanoTime() - start;
                throw Stopped.INSTANCE;
            }
            idle.idle();
        }
        metrics.blockedNanos += System.nanoTime() - start;
    }

    final void emit(int port, long sequence, Object payload) {
        outs[port].emit(this, sequence, payload);
    }

    final void busy(long sequence, Object item) {
        busyItem = item;
        BUSY_SEQUENCE.setRelease(this, sequence);
    }

    final void notBusy() {
        BUSY_SEQUENCE.setRelease(this, -1L);
    }

    /** What this thread holds inside a node function now; called by the timeout from another thread. */
    List<BusyItem> busyItems() {
        long sequence = (long) BUSY_SEQUENCE.getAcquire(this);
        if (sequence < 0) {
            return List.of();
        }
        return List.of(new BusyItem(name, sequence, BusyItem.describe(busyItem)));
    }

    /** Releases what the runner still holds after its thread ended early. */
    void releaseHeld() {
    }
}
