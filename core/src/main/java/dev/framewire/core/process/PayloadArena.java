package dev.framewire.core.process;

import dev.framewire.core.codec.RawMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file of fixed-size slots that large payloads (frames) are copied into once and read in place by
 * every child, then recycled.
 *
 * <p>Why not the queue itself: a Chronicle Queue only ever appends, so every frame lands on fresh file pages, and
 * faulting in and zeroing 9000 fresh pages costs several times the copy of a 36 MB frame. The arena's pages are
 * faulted in once, at a slot's first use, and reused for the whole run; the queue carries only the slot's offset.
 *
 * <p><b>Thread safety.</b> Slot allocation and reference counts are synchronized (coordinator threads share an
 * arena); the memory of a slot is written by the one thread that acquired it, before it publishes the slot's offset
 * through a queue (the happens-before edge for readers in other processes).
 */
public final class PayloadArena implements AutoCloseable {
    private static final long ADDRESS_OFFSET;

    static {
        try {
            Field address = Buffer.class.getDeclaredField("address");
            ADDRESS_OFFSET = RawMemory.fieldOffset(address);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final long base;
    private final long slotBytes;
    private final int slots;
    private final int[] references;

    private PayloadArena(Path file, long slotBytes, int slots, boolean create) {
        if (slotBytes < 1 || slots < 1 || slotBytes * slots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arena of " + slots + " slots of " + slotBytes + " bytes does not fit one mapping");
        }
        this.slotBytes = slotBytes;
        this.slots = slots;
        this.references = new int[slots];
        try {
            channel = create
                    ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, slotBytes * slots);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map payload arena " + file + ": " + e.getMessage(), e);
        }
        base = RawMemory.getLong(buffer, ADDRESS_OFFSET);
    }

    /**
     * Slot size for payloads of up to {@code largestPayload} bytes: rounded up to whole pages, so slots never share
     * a page.
     */
    static long slotBytesFor(long largestPayload) {
        long page = RawMemory.pageSize();
        return (largestPayload + page - 1) / page * page;
    }

    /**
     * Creates the arena file, sparse: a slot's pages are faulted in by its first use only, and slots are handed out
     * lowest first, so a run reuses the same few warm slots and its memory stays what its in-flight items need.
     */
    public static PayloadArena create(Path file, long slotBytes, int slots) {
        return new PayloadArena(file, slotBytes, slots, true);
    }

    /** Maps an existing arena (in a child). */
    public static PayloadArena open(Path file, long slotBytes, int slots) {
        return new PayloadArena(file, slotBytes, slots, false);
    }

    public long slotBytes() {
        return slotBytes;
    }

    public int slots() {
        return slots;
    }

    /** Address of the byte at {@code offset} from the start of the arena. */
    public long address(long offset) {
        if (offset < 0 || offset >= slotBytes * slots) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside an arena of " + slotBytes * slots + " bytes");
        }
        return base + offset;
    }

    /** Offset of slot {@code slot}. */
    public long offsetOf(int slot) {
        return slot * slotBytes;
    }

    /**
     * Takes a free slot with one reference held by the caller.
     *
     * @return the slot, or -1 if every slot is in use
     */
    public synchronized int tryAcquire() {
        for (int slot = 0; slot < slots; slot++) {
            if (references[slot] == 0) {
                references[slot] = 1;
                return slot;
            }
        }
        return -1;
    }

    /** Adds a reference to an acquired slot. */
    public synchronized void retain(int slot) {
        if (references[slot] <= 0) {
            throw new IllegalStateException("arena slot " + slot + " is free");
        }
        references[slot]++;
    }

    /** Gives back a reference; the last one frees the slot. */
    public synchronized void release(int slot) {
        if (references[slot] <= 0) {
            throw new IllegalStateException("arena slot " + slot + " released more often than acquired");
        }
        references[slot]--;
        if (references[slot] == 0) {
            notifyAll();
        }
    }

    /** Slots in use, for tests. */
    public synchronized int inUse() {
        int n = 0;
        for (int r : references) {
            if (r > 0) {
                n++;
            }
        }
        return n;
    }

    /** Waits up to {@code millis} for a slot to be released. */
    synchronized void awaitRelease(long millis) throws InterruptedException {
        wait(millis);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapping stays valid until the buffer is collected; nothing else to release
        }
    }
}
