package dev.framewire.core.process;

import dev.framewire.core.codec.BinaryOut;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.codec.RawMemory;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The one writer of a channel: appends each message once, encoding it straight into the memory-mapped queue file
 * (no intermediate buffer, one copy of a frame's pixels). Any number of {@link ChannelReader}s, in this process or
 * others, tail the same file: that is a broadcast without copies.
 *
 * <p>Queue files are deleted by {@link #releaseBefore(long)} once every reader is past them, and all of them by
 * {@link #close()} unless the run directory is kept. A channel's writer starts a new file when its {@link RollPolicy}
 * says so (a file of 128 MB, or a minute old), not every cycle of the clock: see {@link WriterClock}.
 *
 * <p><b>Thread safety.</b> Appends are serialized by a lock, so coordinator threads may share a writer; the usual
 * case is one thread, for which the lock is uncontended.
 */
public final class ChannelWriter implements AutoCloseable {
    private String name;
    private final Path dir;
    private CodecRegistry registry;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final BinaryOut out = new BinaryOut();
    private ChannelStats stats;
    /** queue files by cycle, as the queue acquires them, for deletion once readers are past them */
    private final Map<Integer, File> files = new ConcurrentSkipListMap<>();
    private long scratch;
    private long scratchSize;
    private boolean closed;
    private int lastCycle = Integer.MIN_VALUE;
    /** The queue's time, which moves on when the writer's policy wants a new file; null: the wall clock's cycles. */
    private final WriterClock clock;

    private ChannelWriter(String name, Path dir, long blockSize, CodecRegistry registry, RollCycle rollCycle,
                          RollPolicy policy) {
        this.name = name;
        this.dir = dir;
        this.registry = registry;
        this.stats = new ChannelStats(name);
        this.clock = policy == null ? null : new WriterClock(rollCycle.lengthInMillis(), policy);
        this.queue = Queues.open(dir, blockSize, false, null, rollCycle, clock);
        if (clock != null) {
            clock.startAfter(queue.lastCycle());
        }
        this.appender = queue.createAppender();
        this.appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Opens (creating if needed) the queue of channel {@code name} in {@code dir}.
     *
     * @param largestMessage the largest message expected, in bytes: it sizes the mapping so that every message is
     *                       contiguous in memory (larger ones still work, through a copy)
     */
    public static ChannelWriter open(String name, Path dir, long largestMessage, CodecRegistry registry) {
        return open(name, dir, largestMessage, registry, RollPolicy.configured());
    }

    /** As {@link #open(String, Path, long, CodecRegistry)}, starting new files as {@code policy} says. */
    static ChannelWriter open(String name, Path dir, long largestMessage, CodecRegistry registry, RollPolicy policy) {
        Objects.requireNonNull(name, "name");
        return new ChannelWriter(name, dir, Queues.blockSizeFor(largestMessage), Objects.requireNonNull(registry),
                Queues.ROLL_CYCLE, Objects.requireNonNull(policy, "policy"));
    }

    /**
     * As {@link #open(String, Path, long, CodecRegistry)}, for a record kept across runs: files follow the wall
     * clock's {@code rollCycle} (when this call creates the queue), with no policy of their own.
     */
    static ChannelWriter openRecord(String name, Path dir, long largestMessage, CodecRegistry registry,
                                    RollCycle rollCycle) {
        Objects.requireNonNull(name, "name");
        return new ChannelWriter(name, dir, Queues.blockSizeFor(largestMessage), Objects.requireNonNull(registry),
                Objects.requireNonNull(rollCycle, "rollCycle"), null);
    }

    public String name() {
        return name;
    }

    /**
     * Serves another run from where the queue stands (a warm engine keeps a child's channels between runs): messages
     * are encoded with {@code registry} from now on, and statistics start afresh under the name {@code name}. Call it
     * before the thread that appends starts.
     */
    void reuseFor(String name, CodecRegistry registry) {
        this.name = Objects.requireNonNull(name, "name");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.stats = new ChannelStats(name);
    }

    public Path directory() {
        return dir;
    }

    /** Appends a value. @return the queue index of the message, for {@link ChannelReader#moveToIndex} */
    public long append(long sequence, Object value) {
        return append(sequence, value, -1);
    }

    /**
     * Appends a value (an order), granting its reader arena slot {@code grant} for its outcome (-1 for none; see
     * {@link Message#grant()}). @return the queue index of the message
     */
    public long append(long sequence, Object value, int grant) {
        return append(sequence, MessageKind.VALUE, Objects.requireNonNull(value, "value"), null, null, 0, 0, 0, grant);
    }

    /** Appends a marker that {@code sequence} was dropped. */
    public long appendDropped(long sequence) {
        return append(sequence, MessageKind.DROPPED, null, null, null, 0, 0, 0, -1);
    }

    /** Appends the failure of {@code sequence} in {@code node}. */
    public long appendError(long sequence, String node, String message) {
        return append(sequence, MessageKind.ERROR, null, Objects.requireNonNull(node), Objects.requireNonNull(message), 0, 0, 0, -1);
    }

    /** Appends a reference to an item encoded at {@code offset} in the run's {@link PayloadArena}. */
    public long appendReference(long sequence, long offset, long length) {
        return appendReference(sequence, offset, length, System.nanoTime());
    }

    /**
     * As {@link #appendReference(long, long, long)}, stamped with {@code sentNanos} (when the sender began copying
     * the item into the arena), so that readers' one-way latency includes the copy.
     */
    public long appendReference(long sequence, long offset, long length, long sentNanos) {
        return appendReference(sequence, offset, length, sentNanos, -1);
    }

    /**
     * As {@link #appendReference(long, long, long, long)}, granting the reader arena slot {@code grant} for its
     * outcome (-1 for none; see {@link Message#grant()}).
     *
     * <p>A child also answers with a reference: the outcome it encoded into the slot it was granted.
     */
    public long appendReference(long sequence, long offset, long length, long sentNanos, int grant) {
        return append(sequence, MessageKind.REFERENCE, null, null, null, offset, length, sentNanos, grant);
    }

    /** Appends the end of the stream; {@code sequence} is the number of items that preceded it. */
    public long appendEnd(long sequence) {
        return append(sequence, MessageKind.END, null, null, null, 0, 0, 0, -1);
    }

    private synchronized long append(long sequence, MessageKind kind, Object value, String node, String message,
                                     long offset, long length, long sentNanos, int grant) {
        if (grant < -1 || grant > MessageHeader.MAX_GRANT) {
            throw new IllegalArgumentException("cannot grant arena slot " + grant);
        }
        if (closed) {
            throw new IllegalStateException("channel " + name + " is closed");
        }
        long start = System.nanoTime();
        if (clock != null) {
            clock.beforeAppend(start);
        }
        long stamp = sentNanos != 0 ? sentNanos : start;
        long max = MessageHeader.SIZE;
        if (value != null) {
            max += registry.maxTaggedSize(value);
        } else if (kind == MessageKind.ERROR) {
            max += BinaryOut.maxStringSize(node) + BinaryOut.maxStringSize(message);
        } else if (kind == MessageKind.REFERENCE) {
            max += 16;
        }
        long written;
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                Bytes<?> bytes = dc.wire().bytes();
                long pos = bytes.writePosition();
                bytes.ensureCapacity(pos + max);
                long address = bytes.addressForWrite(pos);
                BytesStore<?, ?> store = bytes.bytesStore();
                if (store != null && store.inside(pos, max)) {
                    written = encode(address, max, sequence, stamp, kind, value, node, message, offset, length, grant);
                } else {
                    written = encode(scratch(max), max, sequence, stamp, kind, value, node, message, offset, length, grant);
                    copyInPieces(bytes, pos, scratch, written);
                }
                bytes.writeSkip(written);
            } catch (RuntimeException | Error e) {
                // a value that fails to encode leaves no half-written message behind
                dc.rollbackOnClose();
                throw e;
            }
        }
        long index = appender.lastIndexAppended();
        int cycle = queue.rollCycle().toCycle(index);
        if (cycle != lastCycle) {
            lastCycle = cycle;
            files.put(cycle, appender.currentFile());
        }
        if (clock != null) {
            clock.appended(written);
        }
        stats.record(written, System.nanoTime() - start);
        return index;
    }

    private long encode(long address, long capacity, long sequence, long appendNanos, MessageKind kind,
                        Object value, String node, String message, long offset, long length, int grant) {
        out.wrap(address, capacity);
        int granted = grant + 1;
        out.putLong(sequence).putLong(appendNanos).putByte((byte) kind.ordinal())
                .putByte((byte) 0).putByte((byte) granted).putByte((byte) (granted >>> 8));
        long lengthAt = out.reserve(4);
        if (value != null) {
            registry.writeTagged(value, out);
        } else if (kind == MessageKind.ERROR) {
            out.putString(node).putString(message);
        } else if (kind == MessageKind.REFERENCE) {
            out.putLong(offset).putLong(length);
        }
        long payload = out.written() - MessageHeader.SIZE;
        if (payload > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("message of " + payload + " bytes is too large for channel " + name);
        }
        RawMemory.putInt(lengthAt, (int) payload);
        return out.written();
    }

    /** The rare path where a message straddles two mappings: copy chunk by chunk. */
    private static void copyInPieces(Bytes<?> bytes, long pos, long from, long length) {
        long done = 0;
        while (done < length) {
            long at = pos + done;
            long address = bytes.addressForWrite(at);
            long piece = length - done;
            BytesStore<?, ?> store = bytes.bytesStore();
            while (!store.inside(at, piece)) {
                piece >>= 1;
                if (piece == 0) {
                    throw new IllegalStateException("cannot map queue offset " + at);
                }
            }
            RawMemory.copy(from + done, address, piece);
            done += piece;
        }
    }

    private long scratch(long size) {
        if (size > scratchSize) {
            if (scratch != 0) {
                RawMemory.free(scratch);
            }
            scratch = RawMemory.allocate(size);
            scratchSize = size;
        }
        return scratch;
    }

    /** The cycle (queue file) that holds message {@code index}. */
    public int cycleOf(long index) {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * Deletes the queue files that hold only messages before {@code index}: call it when every reader has moved past
     * them. The file being written is never deleted. @return the number of files deleted
     */
    public synchronized int releaseBefore(long index) {
        int cycle = cycleOf(index);
        int current = appender.cycle();
        int deleted = 0;
        for (var it = files.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            int c = e.getKey();
            if (c >= cycle || c >= current) {
                break;
            }
            if (e.getValue().delete() || !e.getValue().exists()) {
                deleted++;
            }
            it.remove();
        }
        return deleted;
    }

    /** Number of queue files not yet deleted. */
    public int liveFiles() {
        return files.size();
    }

    public ChannelStats stats() {
        return stats;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        appender.close();
        queue.close();
        if (scratch != 0) {
            RawMemory.free(scratch);
            scratch = 0;
        }
    }
}
