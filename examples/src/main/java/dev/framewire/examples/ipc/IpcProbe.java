package dev.framewire.examples.ipc;

import dev.framewire.core.frame.Frame;

/**
 * What the profiler sends over framewire's own Chronicle channels: the intended send time, the
 * actual send time (taken before the payload is copied anywhere), the flags, and the payload as a {@link Frame}
 * (one row of gray pixels), so the payload travels exactly the way a decoded photo does between framewire's
 * processes (one copy into mapped memory, read back as a view in place). The channel's own header carries the
 * sequence number.
 */
record IpcProbe(long intendedNanos, long sentNanos, int flags, Frame payload) {
}
