package dev.framewire.examples.ipc;

import dev.framewire.core.frame.Frame;

/**
 * What the profiler sends over framewire's own Chronicle channel: the intended send time, the flags, and the
 * payload as a {@link Frame} (one row of gray pixels), so the payload travels exactly the way a decoded photo
 * does between framewire's processes (one copy into the mapped file, read back as a view in place). The
 * channel's own header carries the sequence number and the append time (the actual send time).
 */
record IpcProbe(long intendedNanos, int flags, Frame payload) {
}
