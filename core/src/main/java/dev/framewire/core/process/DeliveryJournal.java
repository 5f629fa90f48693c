package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.SinkFunction;

import java.util.BitSet;

/**
 * The record of which items a sink received, kept in the run directory (a Chronicle Queue of sequence numbers,
 * appended right after each delivery), so that a resumed run neither delivers them again nor recomputes what every
 * sink already has. A coordinator killed between a delivery and its record delivers that one item again on resume:
 * delivery is at least once, duplicates limited to that item. The journal's queue rolls once a day
 * ({@link Queues#RECORD_ROLL_CYCLE}), so no append waits for a new queue file and that window stays microseconds
 * wide (with the channels' one file per second it could last as long as Chronicle took to make the next file).
 *
 * <p>Used by the sink's one thread; {@link #delivered} may be read by others once loaded.
 */
final class DeliveryJournal implements AutoCloseable {
    static final String PREFIX = "journal-";

    private final String sink;
    private final BitSet previous;
    private final ChannelWriter writer;

    private DeliveryJournal(String sink, BitSet previous, ChannelWriter writer) {
        this.sink = sink;
        this.previous = previous;
        this.writer = writer;
    }

    /** Opens the journal of {@code sink}, loading what an earlier run of this directory recorded. */
    static DeliveryJournal open(RunDirectory run, String sink, CodecRegistry registry) {
        String channel = PREFIX + sink;
        BitSet previous = new BitSet();
        try (ChannelReader reader = ChannelReader.open(channel, run.channel(channel), 64, registry, false,
                Queues.RECORD_ROLL_CYCLE)) {
            while (reader.poll(m -> previous.set(Math.toIntExact(m.sequence())))) {
                // load everything recorded
            }
        }
        return new DeliveryJournal(sink, previous,
                ChannelWriter.openRecord(channel, run.channel(channel), 64, registry, Queues.RECORD_ROLL_CYCLE));
    }

    /** Whether an earlier run delivered item {@code sequence} to this sink. */
    boolean delivered(long sequence) {
        return sequence <= Integer.MAX_VALUE && previous.get((int) sequence);
    }

    int previouslyDelivered() {
        return previous.cardinality();
    }

    /** {@code function}, skipping what an earlier run delivered and recording every new delivery. */
    SinkFunction<Object> wrap(SinkFunction<Object> function) {
        return new SinkFunction<>() {
            @Override
            public void accept(long sequence, Object item) throws Exception {
                if (!delivered(sequence)) {
                    function.accept(sequence, item);
                    writer.appendDropped(sequence);
                }
            }

            @Override
            public void onError(long sequence, ItemError error) throws Exception {
                if (!delivered(sequence)) {
                    function.onError(sequence, error);
                    writer.appendDropped(sequence);
                }
            }

            @Override
            public void onEnd() throws Exception {
                function.onEnd();
            }
        };
    }

    @Override
    public void close() {
        writer.close();
    }

    @Override
    public String toString() {
        return "journal of sink '" + sink + "'";
    }
}
