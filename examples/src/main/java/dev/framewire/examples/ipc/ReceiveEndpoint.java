package dev.framewire.examples.ipc;

/** The reading end of one run's channel. Used by one thread. */
interface ReceiveEndpoint extends AutoCloseable {
    /**
     * Waits for the next message, fills {@code into} with its header once the whole message is available to the
     * receiver (its tail checked), and returns {@code System.nanoTime()} at that moment.
     */
    long receive(Received into);

    @Override
    void close();
}
