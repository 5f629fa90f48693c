package dev.framewire.examples.ipc;

/**
 * Layout of one profiler message, the same on every channel: a 32-byte header, the payload, and an 8-byte tail
 * that repeats the sequence number. The tail is the last thing written and the last thing checked, so a receiver
 * that sees the right tail has seen the whole message arrive.
 *
 * <pre>
 *  0  long  sequence (>= 0), or {@link #END} to close the run
 *  8  long  intended send time (System.nanoTime of the schedule; equal to the actual send time at full speed)
 * 16  long  actual send time, taken just before the message is written into the channel
 * 24  int   flags: {@link #FLAG_WARMUP}
 * 28  int   total message length in bytes, header and tail included
 * 32  ...   payload
 * L-8 long  sequence again
 * </pre>
 *
 * The message size a user asks for ({@code --sizes 64}) is the total length: header and tail included.
 */
final class IpcMessage {
    static final int HEADER_BYTES = 32;
    static final int TAIL_BYTES = 8;
    static final int MIN_BYTES = HEADER_BYTES + TAIL_BYTES;
    static final long END = -1;
    static final int FLAG_WARMUP = 1;

    static final int SEQUENCE = 0;
    static final int INTENDED = 8;
    static final int SENT = 16;
    static final int FLAGS = 24;
    static final int LENGTH = 28;

    private IpcMessage() {
    }
}
