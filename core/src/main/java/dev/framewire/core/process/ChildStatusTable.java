package dev.framewire.core.process;

import dev.framewire.core.internal.UnsafeAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A small memory-mapped file in the run directory where each child publishes what it is doing, one 128-byte slot
 * per child (a replica keeps its slot across restarts). The coordinator reads it to learn which item a dead child
 * held, which items a timeout interrupted, and how long children waited and took to start.
 *
 * <p>Each field is written by one child with a volatile store and read by the coordinator with a volatile load;
 * a slot is reset by the coordinator only while no child owns it.
 *
 * <p><b>Ownership of the mapping.</b> A table a child {@link #open}s is confined to the child's loop thread, and
 * {@link #close} unmaps it at once: a kept child opens one table per run and allocates so little that no garbage
 * collection would ever unmap the old ones, so each run would leave a mapping (and the deleted file's page) behind
 * until the JVM ran out of mappings. The coordinator's table ({@link #create}) is read by its workers and its report
 * until the run object goes away, so its mapping is left to the garbage collector, which that JVM runs often.
 */
public final class ChildStatusTable implements AutoCloseable {
    /** This process's CPU clock, or null off Linux; opened when a JVM first uses the table. */
    private static final ProcessCpuClock CPU_CLOCK = ProcessCpuClock.open();

    public static final String FILE = "children.status";
    private static final int SLOT = 128;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** What a child is doing. */
    public enum State { STARTING, READY, BUSY, IDLE, DONE }

    private static final int PID = 0;
    private static final int STATE = 8;
    private static final int SEQUENCE = 16;
    private static final int ITEMS = 24;
    private static final int WAIT_NANOS = 32;
    private static final int BUSY_NANOS = 40;
    private static final int STARTUP_CPU_NANOS = 48;
    private static final int CPU_NANOS = 56;
    /** written by the coordinator: queue index of the last result it read from the child */
    private static final int RESULTS_READ = 64;
    /** written by the coordinator: 1 once it opened its ends of the child's channels */
    private static final int CHANNELS_OPEN = 72;

    private final FileChannel channel;
    private final MappedByteBuffer buffer;
    private final int slots;
    private final boolean unmapOnClose;
    private boolean closed;
    /** Child: CPU time its process had used before this run's work began (0 for a child started for it). */
    private long cpuBase;

    private ChildStatusTable(Path file, int slots, boolean create) {
        this.unmapOnClose = !create;
        try {
            this.channel = create
                    ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) slots * SLOT);
            this.slots = slots;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map child status file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates the table of a run with room for {@code slots} children. */
    public static ChildStatusTable create(RunDirectory run, int slots) {
        return new ChildStatusTable(run.path().resolve(FILE), slots, true);
    }

    /** Opens the table of a run from a child. */
    public static ChildStatusTable open(RunDirectory run, int slots) {
        return new ChildStatusTable(run.path().resolve(FILE), slots, false);
    }

    public int slots() {
        return slots;
    }

    /**
     * Child: the CPU time this process used before the run began, left out of what it publishes, so that a child
     * kept from an earlier run reports this run's CPU only.
     */
    void countCpuFrom(long processCpuNanos) {
        cpuBase = processCpuNanos;
    }

    private long runCpuNanos() {
        return processCpuNanos() - cpuBase;
    }

    private int at(int slot, int field) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("child status slot " + slot + " of " + slots);
        }
        return slot * SLOT + field;
    }

    private long get(int slot, int field) {
        return (long) LONGS.getVolatile(buffer, at(slot, field));
    }

    private void set(int slot, int field, long value) {
        LONGS.setVolatile(buffer, at(slot, field), value);
    }

    /** Coordinator: clears a slot before starting a child in it. */
    void reset(int slot) {
        for (int f = 0; f < SLOT; f += 8) {
            set(slot, f, 0);
        }
    }

    /** Coordinator: it read the child's result at queue index {@code index} (the child may delete older files). */
    void resultsRead(int slot, long index) {
        set(slot, RESULTS_READ, index);
    }

    /** The queue index of the last result the coordinator read from the child in {@code slot}, or 0. */
    long resultsRead(int slot) {
        return get(slot, RESULTS_READ);
    }

    /** Coordinator: its ends of the channels of the child in {@code slot} are open. */
    void channelsOpen(int slot) {
        set(slot, CHANNELS_OPEN, 1);
    }

    /** Whether the coordinator opened its ends of the channels of the child in {@code slot}. */
    boolean channelsAreOpen(int slot) {
        return get(slot, CHANNELS_OPEN) == 1;
    }

    /** Child: announces itself ready to take items. */
    void ready(int slot, long pid) {
        long cpu = runCpuNanos();
        set(slot, STARTUP_CPU_NANOS, cpu);
        set(slot, CPU_NANOS, cpu);
        set(slot, PID, pid);
        set(slot, STATE, State.READY.ordinal());
    }

    /**
     * Child: took item {@code sequence} from its orders and starts on it (decoding it included); {@code waitedNanos}
     * is how long it waited for it. Should the child die before it appends the item's outcome, this is the item
     * reported failed.
     */
    void busy(int slot, long sequence, long waitedNanos) {
        set(slot, SEQUENCE, sequence);
        set(slot, WAIT_NANOS, get(slot, WAIT_NANOS) + waitedNanos);
        set(slot, STATE, State.BUSY.ordinal());
    }

    /** Child: finished the item it was busy with, after appending its result. */
    void idle(int slot, long busyNanos) {
        set(slot, ITEMS, get(slot, ITEMS) + 1);
        set(slot, BUSY_NANOS, get(slot, BUSY_NANOS) + busyNanos);
        set(slot, STATE, State.IDLE.ordinal());
    }

    /** Child: publishes the CPU time its whole process used so far (all its threads: JIT, GC, node). */
    void cpu(int slot) {
        set(slot, CPU_NANOS, runCpuNanos());
    }

    /**
     * Child: saw the end of its input and closed its channels (or, when kept for later runs, keeps them open); it exits
     * now, or waits for the next run.
     */
    void done(int slot) {
        set(slot, CPU_NANOS, runCpuNanos());
        set(slot, STATE, State.DONE.ordinal());
    }

    /** CPU time of this process, all threads, or 0 where the platform does not tell. */
    static long processCpuNanos() {
        long nanos = CPU_CLOCK != null ? CPU_CLOCK.nanos() : -1;
        if (nanos >= 0) {
            return nanos;
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    public State state(int slot) {
        return State.values()[(int) get(slot, STATE)];
    }

    public long pid(int slot) {
        return get(slot, PID);
    }

    /** The item the child is busy with, meaningful when {@link #state} is BUSY. */
    public long sequence(int slot) {
        return get(slot, SEQUENCE);
    }

    public long items(int slot) {
        return get(slot, ITEMS);
    }

    public long waitNanos(int slot) {
        return get(slot, WAIT_NANOS);
    }

    public long busyNanos(int slot) {
        return get(slot, BUSY_NANOS);
    }

    /** CPU time the child's process had used when it became ready (JVM start, class loading, node set-up). */
    public long startupCpuNanos(int slot) {
        return get(slot, STARTUP_CPU_NANOS);
    }

    /** CPU time the child's process used, as last published (after each item, and at its normal end). */
    public long cpuNanos(int slot) {
        return get(slot, CPU_NANOS);
    }

    /**
     * Closes the file; a child's table is also unmapped, so it must not be used afterwards (see the class comment).
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release: the mapping is handled below
        }
        if (unmapOnClose) {
            UnsafeAccess.UNSAFE.invokeCleaner(buffer);
        }
    }
}
