package dev.framewire.core.process;

import dev.framewire.core.codec.RawMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A memory-mapped file of fixed-size slots that large payloads (frames) are copied into once and read in place by
 * every child, then recycled.
 *
 * <p><b>Ownership.</b> The process that {@link #create}s the arena (the coordinator) owns the file and the slot
 * accounting; children {@link #open} it and only read slots they were handed. Closing releases the file channel; the
 * mapping itself stays valid until the arena object is garbage collected, so addresses handed out never dangle
 * while the arena is reachable. Deleting the file is the run directory's job.
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
    private final Path file;
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
        this.file = file;
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
        base = RawMemory.address(buffer);
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

    /** The arena's file. */
    public Path file() {
        return file;
    }

    /**
     * Frees every slot, whatever references remain: for an arena kept between runs, after a run that stopped early
     * (its children killed, so nobody reads or writes a slot any more).
     */
    synchronized void releaseAll() {
        Arrays.fill(references, 0);
        notifyAll();
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
        return (long) slot * slotBytes;
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

    /**
     * Takes a free slot, as {@link #tryAcquire()}, only if at least {@code keepFree} other slots stay free: for
     * optional uses (a grant to a child for its output) that must never starve the senders that wait for a slot.
     * Never blocks.
     *
     * @return the slot, or -1
     */
    public synchronized int tryAcquire(int keepFree) {
        if (!canAcquire(keepFree)) {
            return -1;
        }
        return tryAcquire();
    }

    /** Whether {@link #tryAcquire(int) tryAcquire(keepFree)} would take a slot now. */
    public synchronized boolean canAcquire(int keepFree) {
        return slots - inUse() - 1 >= keepFree;
    }

    /**
     * The slot whose memory holds {@code address} in this process's mapping, or -1 if the address lies outside the
     * arena. Thread-safe (reads final fields only).
     */
    public int slotOf(long address) {
        long at = address - base;
        if (at < 0 || at >= slotBytes * slots) {
            return -1;
        }
        return (int) (at / slotBytes);
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

    /**
     * Faults in the first {@code bytes} of slot {@code slot} in this process's mapping, off the hot path, by reading
     * one byte per page. On tmpfs (the default run directory, see {@link RunDirectory#defaultParent(long)}) a read
     * fault allocates the page and maps it writable, so a later copy into the slot runs at memory speed instead of
     * taking one page fault per 4 KB (about 20-30 ms for a fresh 36 MB slot on a 2-core VM, against 3 ms for the copy
     * itself); on a disk-backed file the first write still faults, to track dirty pages. A reader's first pass over a
     * slot gains the same way.
     *
     * <p>Reads only, so it is safe at any time, even while another thread or process writes the slot; thread-safe.
     * It commits memory: call it for the slots and sizes a run will use, not for the whole arena by reflex.
     *
     * @return the number of pages touched
     */
    public long prefault(int slot, long bytes) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + slots);
        }
        long page = RawMemory.pageSize();
        long end = base + offsetOf(slot) + Math.min(Math.max(bytes, 0), slotBytes);
        long sum = 0;
        long pages = 0;
        for (long a = base + offsetOf(slot); a < end; a += page) {
            sum += RawMemory.getByte(a);
            pages++;
        }
        sink = sum;
        return pages;
    }

    /** Keeps {@link #prefault}'s reads from being optimized away. */
    @SuppressWarnings("unused")
    private volatile long sink;

    /** Slots in use. */
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
