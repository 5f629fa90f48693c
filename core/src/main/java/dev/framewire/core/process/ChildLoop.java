package dev.framewire.core.process;

/**
 * The work of one child: read an order, compute, append the outcome, until the end of the orders.
 *
 * <p>Single-threaded. An item in the payload arena is read in place (a frame is a view of the mapped pixels) and
 * released once the node returns; the coordinator recycles its slot only after this child's outcome arrived.
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
    private long previousResult = -1;

    ChildLoop(RunDirectory run, ChildSpec spec) {
        this.run = run;
        this.spec = spec;
    }

    void run() {
        table = ChildStatusTable.open(run, spec.slots());
        try (ChannelReader orders = ChannelReader.open(spec.orders(), run.channel(spec.orders()),
                ChildSpec.SMALL_CHANNEL_MESSAGE, spec.registry(), true);
             ChannelWriter out = ChannelWriter.open(spec.results(), run.channel(spec.results()),
                     ChildSpec.SMALL_CHANNEL_MESSAGE, spec.registry())) {
            results = out;
            IdleStrategy idle = IdleStrategy.backoff();
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
            table.done(spec.slot());
        } finally {
            if (arena != null) {
                arena.close();
            }
            table.close();
        }
    }

    private void onOrder(Message order) {
        switch (order.kind()) {
            case END -> ended = true;
            case VALUE -> compute(order.sequence(), order.value());
            case REFERENCE -> {
                long offset = order.referenceOffset();
                long length = order.referenceLength();
                PayloadArena a = arena();
                compute(order.sequence(), order.decodeAt(a.address(offset), length));
            }
            default -> results.appendError(order.sequence(), spec.node(), "unexpected " + order.kind() + " order");
        }
    }

    private PayloadArena arena() {
        if (arena == null) {
            arena = PayloadArena.open(run.path().resolve(spec.arena()), spec.arenaSlotBytes(), spec.arenaSlots());
        }
        return arena;
    }

    private void compute(long sequence, Object item) {
        long start = System.nanoTime();
        table.busy(spec.slot(), sequence, start - waitStart);
        long index;
        try {
            Object output = spec.function().apply(item);
            index = output == null ? results.appendDropped(sequence) : results.append(sequence, output);
        } catch (Throwable t) {
            index = results.appendError(sequence, spec.node(), ChildMain.describe(t));
        } finally {
            ChildMain.releaseView(item);
        }
        // the coordinator read the previous result before sending this item, so its tailer is in that result's file:
        // files before that one are done with (deleting the file a tailer is in makes Chronicle rescan)
        if (previousResult >= 0) {
            results.releaseBefore(previousResult);
        }
        previousResult = index;
        long end = System.nanoTime();
        table.idle(spec.slot(), end - start);
        table.cpu(spec.slot());
        waitStart = end;
    }
}
