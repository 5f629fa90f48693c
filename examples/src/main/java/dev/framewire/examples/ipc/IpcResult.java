package dev.framewire.examples.ipc;

/** One measured run of one channel. */
record IpcResult(ChannelKind channel, RunPlan plan, LatencyRecorder recording) {
}
