package dev.framewire.core.process;

import dev.framewire.core.codec.BinaryOut;
import dev.framewire.core.engine.FrameOwnership;
import dev.framewire.core.engine.IdleStrategy;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.OutputMemory;

import java.nio.file.Path;

/**
 * The work of one child: read an order, compute, append the outcome, until the end of the orders.
 *
 * <p>Single-threaded. An item in the payload arena is read in place (a frame is a view of the mapped pixels) and
 * released once the node returns; the coordinator recycles its slot only after this child's outcome arrived. The
 * coordinator may have queued several items ahead (its window); this child takes them one at a time, publishing
 * which one in the {@link ChildStatusTable} before it decodes it, and appends each outcome before taking the next.
 *
 * <p>An order may grant an arena slot for its outcome ({@link Message#grant()}): a frame output that fits is then
 * encoded straight into that slot (the one copy of its pixels) and answered with a reference to it, which the
 * coordinator wraps in place and hands on to other children without copying again. Any other outcome takes the
 * results channel, and the coordinator takes the unused grant back. This child never writes a slot it was not
 * granted, nor one whose order it has not taken.
 */
final class ChildLoop {
    private final RunDirectory run;
    private final ChildSpec spec;
    private final long pid = ProcessHandle.current().pid();
    private ChildStatusTable table;
    private ChannelWriter results;
    private PayloadArena arena;
    private boolean ended;
    private long waitStart;
    private long released;
    private final BinaryOut slotOut = new BinaryOut();
    private final boolean keepArena;
    private final long cpuBase;
    /** A kept child's channel ends: given by the last run, kept for the next; null if none. */
    private ChildEnds keptEnds;

    /** The child's ends of its channels: it reads the orders and writes the results. */
    record ChildEnds(ChannelReader orders, ChannelWriter results) {
        void close() {
            orders.close();
            results.close();
        }
    }

    /** The loop of a child started for one run: it maps the arena when needed and unmaps it at the end. */
    ChildLoop(RunDirectory run, ChildSpec spec) {
        this(run, spec, null, false, 0, null);
    }

    /**
     * The loop of one run of a child kept between runs: it uses {@code arena} (mapped by an earlier run, or null) if
     * it is this run's, and keeps whatever arena it ends with mapped for the next run ({@link #arena()}); what it
     * publishes leaves out the {@code cpuBase} nanoseconds of CPU time spent before this run. It reads and writes where
     * {@code ends} stand (the last run's channels), if the spec names them, and keeps the ends it finishes with open
     * for the next run ({@link #keptEnds()}) if the spec says its channels are kept.
     */
    ChildLoop(RunDirectory run, ChildSpec spec, PayloadArena arena, boolean keepArena, long cpuBase, ChildEnds ends) {
        this.run = run;
        this.spec = spec;
        this.keepArena = keepArena;
        this.cpuBase = cpuBase;
        this.keptEnds = ends;
        if (arena != null && arena.file().equals(arenaFile()) && arena.slotBytes() == spec.arenaSlotBytes()
                && arena.slots() == spec.arenaSlots()) {
            this.arena = arena;
        } else if (arena != null) {
            arena.close();
        }
    }

    /** Normalized: a warm engine's runs name the same arena from different run directories. */
    private Path arenaFile() {
        return run.path().resolve(spec.arena()).normalize();
    }

    /** The arena mapped at the end of the run (kept for the next run), or null. */
    PayloadArena arena() {
        return arena;
    }

    /** The channel ends kept open at the end of the run for the next one, or null. */
    ChildEnds keptEnds() {
        return keptEnds;
    }

    /** The ends of this run's channels: the kept ones if the spec names them, else new ones (closing the kept). */
    private ChildEnds openEnds() {
        Path ordersPath = spec.ordersChannel(run);
        Path resultsPath = spec.resultsChannel(run);
        ChildEnds given = keptEnds;
        keptEnds = null;
        if (given != null && given.orders().directory().equals(ordersPath)
                && given.results().directory().equals(resultsPath)) {
            given.orders().reuseFor(spec.orders(), spec.registry());
            given.results().reuseFor(spec.results(), spec.registry());
            return given;
        }
        if (given != null) {
            given.close();
        }
        ChannelReader orders = ChannelReader.open(spec.orders(), ordersPath, ChildSpec.SMALL_CHANNEL_MESSAGE,
                spec.registry(), true);
        try {
            return new ChildEnds(orders,
                    ChannelWriter.open(spec.results(), resultsPath, spec.resultsChannelMessage(), spec.registry()));
        } catch (RuntimeException | Error e) {
            orders.close();
            throw e;
        }
    }

    void run() {
        table = ChildStatusTable.open(run, spec.slots());
        table.countCpuFrom(cpuBase);
        // the coordinator creates the queues while this JVM boots; it is done long before, as a rule
        HandshakeWait wait = new HandshakeWait(20_000, 1_000_000);
        while (!table.channelsAreOpen(spec.slot())) {
            wait.idle();
        }
        ChildEnds ends = null;
        try {
            ends = openEnds();
            ChannelReader orders = ends.orders();
            results = ends.results();
            IdleStrategy idle = IdleStrategy.forProcesses(spec.slots() + 1);
            System.out.println(ChildMain.READY_LINE + ": pid " + pid + ", node " + spec.node() + ", replica " + spec.replica());
            System.out.flush();
            table.ready(spec.slot(), pid);
            waitStart = System.nanoTime();
            while (!ended) {
                if (orders.poll(this::onOrder)) {
                    idle.reset();
                } else {
                    idle.idle();
                }
            }
            if (spec.keptChannels() != null) {
                keptEnds = ends;
                ends = null;
            }
        } catch (RuntimeException | Error e) {
            table.close();
            throw e;
        } finally {
            if (ends != null) {
                ends.close();
            }
            if (arena != null && !keepArena) {
                arena.close();
            }
        }
        // after the channels are closed (or kept): the coordinator may delete or reuse them once it sees this
        table.done(spec.slot());
        table.close();
    }

    private void onOrder(Message order) {
        switch (order.kind()) {
            case END -> ended = true;
            case VALUE, REFERENCE -> compute(order);
            default -> results.appendError(order.sequence(), spec.node(), "unexpected " + order.kind() + " order");
        }
    }

    private Object decode(Message order) {
        if (order.kind() == MessageKind.VALUE) {
            return order.value();
        }
        long offset = order.referenceOffset();
        long length = order.referenceLength();
        return order.decodeAt(mappedArena().address(offset), length);
    }

    private PayloadArena mappedArena() {
        if (arena == null) {
            arena = PayloadArena.open(arenaFile(), spec.arenaSlotBytes(), spec.arenaSlots());
        }
        return arena;
    }

    /**
     * Encodes a frame output into the granted slot and appends a reference to it. @return false (nothing written)
     * when there is no grant, the output is not a frame, or it does not fit
     */
    private boolean answeredInSlot(long sequence, int grant, Object output) {
        if (grant < 0 || !(output instanceof Frame)) {
            return false;
        }
        PayloadArena a = mappedArena();
        if (grant >= a.slots() || spec.registry().maxTaggedSize(output) > a.slotBytes()) {
            return false;
        }
        long offset = a.offsetOf(grant);
        slotOut.wrap(a.address(offset), a.slotBytes());
        spec.registry().writeTagged(output, slotOut);
        results.appendReference(sequence, offset, slotOut.written());
        return true;
    }

    /**
     * Offers the node the place in the granted slot where an output frame's pixels would be encoded, so that a node
     * making its output frame there ({@link OutputMemory#claim}) is answered without copying its pixels.
     */
    private boolean offerGrant(int grant) {
        if (grant < 0) {
            return false;
        }
        PayloadArena a = mappedArena();
        long pixels = spec.registry().framePixelOffset();
        if (grant >= a.slots() || a.slotBytes() <= pixels) {
            return false;
        }
        OutputMemory.offer(a.address(a.offsetOf(grant)) + pixels, a.slotBytes() - pixels);
        return true;
    }

    private void compute(Message order) {
        long sequence = order.sequence();
        long start = System.nanoTime();
        // published before decoding: if this child dies from here on, this is the item that failed
        table.busy(spec.slot(), sequence, start - waitStart);
        Object item = null;
        Object output = null;
        try {
            item = decode(order);
            boolean offered = offerGrant(order.grant());
            try {
                output = spec.function().apply(item);
            } finally {
                if (offered) {
                    OutputMemory.withdraw();
                }
            }
            if (output == null) {
                results.appendDropped(sequence);
            } else if (!answeredInSlot(sequence, order.grant(), output)) {
                results.append(sequence, output);
            }
        } catch (Throwable t) {
            results.appendError(sequence, spec.node(), ChildMain.describe(t));
        } finally {
            // the outcome was copied out (to the results channel or a granted slot): this child was the last holder
            // of the output's frames, which the node handed over (the engines' ownership rules); a frame that is also
            // the input is given back once
            if (output != null) {
                try {
                    FrameOwnership.release(output);
                } catch (IllegalStateException alreadyReleased) {
                    // a node that returned a frame it had given back: nothing left to free
                }
            }
            if (item != null) {
                ChildMain.releaseView(item);
            }
        }
        // the coordinator's tailer is in the file of the last result it read: files before that one are done with
        // (deleting the file a tailer is in makes Chronicle rescan)
        long read = table.resultsRead(spec.slot());
        if (read > released) {
            results.releaseBefore(read);
            released = read;
        }
        long end = System.nanoTime();
        table.idle(spec.slot(), end - start);
        table.cpu(spec.slot());
        waitStart = end;
    }
}
