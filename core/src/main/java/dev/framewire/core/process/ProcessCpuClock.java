package dev.framewire.core.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The CPU time this process used (all its threads), read from {@code /proc/self/stat} through a descriptor kept
 * open: one {@code pread} a call. {@code ProcessHandle.current().info()} tells the same but opens and reads four
 * {@code /proc} files each time; a child asks once per item, and between kernels that sweep 36 MB frames through
 * the caches that cost about 0.2 ms an item (async-profiler, in the exposure child of a scorer run on 12 MP photos).
 *
 * <p>Resolution: a clock tick, 10 ms ({@code USER_HZ} is 100 in Linux's interface, whatever the kernel's own
 * rate), as with {@code ProcessHandle}. Thread-safe.
 */
final class ProcessCpuClock {
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Fields after the command's closing parenthesis: state is the first, utime the 12th, stime the 13th. */
    private static final int UTIME_FIELD = 12;

    private final FileChannel stat;
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);

    private ProcessCpuClock(FileChannel stat) {
        this.stat = stat;
    }

    /** The clock, or null where {@code /proc/self/stat} cannot be read (not Linux). */
    static ProcessCpuClock open() {
        try {
            ProcessCpuClock clock = new ProcessCpuClock(FileChannel.open(Path.of("/proc/self/stat"),
                    StandardOpenOption.READ));
            return clock.nanos() >= 0 ? clock : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU nanoseconds so far (user and system), or -1 if the file could not be read. */
    synchronized long nanos() {
        try {
            buffer.clear();
            // a read at offset 0 makes the kernel write the file afresh
            int n = stat.read(buffer, 0);
            return n <= 0 ? -1 : parse(buffer.array(), n);
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line, in nanoseconds; -1 if it is not one. */
    static long parse(byte[] line, int length) {
        int p = length - 1;
        while (p >= 0 && line[p] != ')') {
            p--; // the command may hold spaces and parentheses: fields start after the last ')'
        }
        if (p < 0) {
            return -1;
        }
        p++;
        long ticks = 0;
        for (int field = 1; field <= UTIME_FIELD + 1; field++) {
            while (p < length && line[p] == ' ') {
                p++;
            }
            int start = p;
            while (p < length && line[p] != ' ' && line[p] != '\n') {
                p++;
            }
            if (p == start) {
                return -1; // the line ended before stime
            }
            if (field >= UTIME_FIELD) {
                long value = digits(line, start, p);
                if (value < 0) {
                    return -1;
                }
                ticks += value;
            }
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The decimal number in {@code line[from, to)}, or -1 if it holds anything but digits. */
    private static long digits(byte[] line, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return -1;
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }
}
