package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.codec.RawMemory;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One reader tailing a channel's queue, in this process or another: it reads every message in append order,
 * without copying (the handler sees the mapped memory), unless a message straddles two mappings, when it is copied
 * into a reusable buffer first.
 *
 * <p><b>Thread safety.</b> One thread per reader.
 */
public final class ChannelReader implements AutoCloseable {
    /** Receives each message; the view is valid only during the call. */
    @FunctionalInterface
    public interface Handler {
        void onMessage(Message message);
    }

    private String name;
    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final boolean views;
    private Message message;
    private ChannelStats stats;
    private long scratch;
    private long scratchSize;
    private long copies;

    private ChannelReader(String name, Path dir, long blockSize, CodecRegistry registry, boolean views,
                          RollCycle rollCycle) {
        this.name = name;
        this.dir = dir;
        this.queue = Queues.open(dir, blockSize, false, null, rollCycle);
        this.tailer = queue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
        this.views = views;
        this.message = new Message(registry, views);
        this.stats = new ChannelStats(name);
    }

    /**
     * Opens a reader at the start of channel {@code name}'s queue in {@code dir}.
     *
     * @param largestMessage as given to the writer
     * @param views          whether decoded frames may be views of the mapped memory (valid only during the
     *                       handler) rather than copies
     */
    public static ChannelReader open(String name, Path dir, long largestMessage, CodecRegistry registry, boolean views) {
        return open(name, dir, largestMessage, registry, views, Queues.ROLL_CYCLE);
    }

    /** As {@link #open(String, Path, long, CodecRegistry, boolean)}, with the roll cycle if this call creates the queue. */
    static ChannelReader open(String name, Path dir, long largestMessage, CodecRegistry registry, boolean views,
                              RollCycle rollCycle) {
        Objects.requireNonNull(name, "name");
        return new ChannelReader(name, dir, Queues.blockSizeFor(largestMessage), Objects.requireNonNull(registry), views,
                Objects.requireNonNull(rollCycle, "rollCycle"));
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Serves another run from where the tailer stands (a warm engine keeps a child's channels between runs): messages
     * are decoded with {@code registry} from now on, and statistics start afresh under the name {@code name}. Call it
     * before the thread that reads starts.
     */
    void reuseFor(String name, CodecRegistry registry) {
        this.name = Objects.requireNonNull(name, "name");
        this.message = new Message(Objects.requireNonNull(registry, "registry"), views);
        this.stats = new ChannelStats(name);
    }

    /**
     * Hands the next message to {@code handler}, if there is one.
     *
     * @return whether a message was read
     */
    public boolean poll(Handler handler) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            Bytes<?> bytes = dc.wire().bytes();
            long pos = bytes.readPosition();
            long length = bytes.readRemaining();
            if (length < MessageHeader.SIZE) {
                throw new IllegalStateException("channel " + name + ": message of " + length + " bytes has no header");
            }
            long address = bytes.addressForRead(pos, (int) Math.min(length, Integer.MAX_VALUE));
            BytesStore<?, ?> store = bytes.bytesStore();
            if (store == null || !store.inside(pos, length)) {
                address = copyOut(bytes, pos, length);
            }
            int payloadLength = RawMemory.getInt(address + MessageHeader.PAYLOAD_LENGTH);
            if (payloadLength < 0 || payloadLength > length - MessageHeader.SIZE) {
                throw new IllegalStateException("channel " + name + ": corrupt payload length " + payloadLength);
            }
            message.set(dc.index(), address, address + MessageHeader.SIZE, payloadLength);
            stats.record(length, System.nanoTime() - message.appendNanos());
            handler.onMessage(message);
            return true;
        }
    }

    private long copyOut(Bytes<?> bytes, long pos, long length) {
        if (length > scratchSize) {
            if (scratch != 0) {
                RawMemory.free(scratch);
            }
            scratch = RawMemory.allocate(length);
            scratchSize = length;
        }
        long done = 0;
        while (done < length) {
            long at = pos + done;
            long piece = length - done;
            long address = bytes.addressForRead(at, (int) Math.min(piece, Integer.MAX_VALUE));
            BytesStore<?, ?> store = bytes.bytesStore();
            while (!store.inside(at, piece)) {
                piece >>= 1;
                if (piece == 0) {
                    throw new IllegalStateException("channel " + name + ": cannot map offset " + at);
                }
            }
            RawMemory.copy(address, scratch + done, piece);
            done += piece;
        }
        copies++;
        return scratch;
    }

    /**
     * Moves so that the next {@link #poll} reads message {@code index}.
     *
     * @return false if there is no such message (yet)
     */
    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    /** Index of the next message to read. */
    public long index() {
        return tailer.index();
    }

    /** How many messages straddled two mappings and had to be copied (0 when the block size fits the messages). */
    public long copies() {
        return copies;
    }

    public ChannelStats stats() {
        return stats;
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
        if (scratch != 0) {
            RawMemory.free(scratch);
            scratch = 0;
        }
    }
}
