package dev.framewire.examples.ipc;

/** The writing end of one run's channel. Used by one thread. */
interface SendEndpoint extends AutoCloseable {
    /**
     * Writes one whole message of the run's size, stamping the actual send time just before writing.
     * Blocks or spins (per the run's wait mode) while the channel is full.
     */
    void send(long sequence, long intendedNanos, int flags);

    /** Writes the end-of-run message (a header and a tail). */
    void sendEnd();

    @Override
    void close();
}
