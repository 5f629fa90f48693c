package dev.framewire.core.process;

/**
 * The work of one child: read an order, compute, append the outcome, until the end of the orders.
 *
 * <p>Single-threaded. An item on the shared payload channel is read in place (a frame is a view of the mapped
 * pixels) and released once the node returns, before the reader moves on.
 */
final class ChildLoop {
    private final RunDirectory run;
    private final ChildSpec spec;
    private final long pid = ProcessHandle.current().pid();
    private ChildStatusTable table;
    private ChannelWriter results;
    private ChannelReader payloads;
    private boolean ended;
    private long waitStart;

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
            if (payloads != null) {
                payloads.close();
            }
            table.close();
        }
    }

    private void onOrder(Message order) {
        switch (order.kind()) {
            case END -> ended = true;
            case VALUE -> compute(order.sequence(), order.value());
            case REFERENCE -> {
                long sequence = order.sequence();
                ChannelReader shared = payloads();
                if (!shared.moveToIndex(order.referenceIndex())) {
                    results.appendError(sequence, spec.node(), "payload of item " + sequence + " is missing from channel "
                            + spec.payloads());
                    return;
                }
                if (!shared.poll(payload -> compute(sequence, payload.value()))) {
                    results.appendError(sequence, spec.node(), "payload of item " + sequence + " could not be read");
                }
            }
            default -> results.appendError(order.sequence(), spec.node(), "unexpected " + order.kind() + " order");
        }
    }

    private ChannelReader payloads() {
        if (payloads == null) {
            payloads = ChannelReader.open(spec.payloads(), run.channel(spec.payloads()), spec.largestPayload(),
                    spec.registry(), true);
        }
        return payloads;
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
        // the coordinator sends the next order only after reading this result: older files are done with
        results.releaseBefore(index);
        long end = System.nanoTime();
        table.idle(spec.slot(), end - start);
        waitStart = end;
    }
}
