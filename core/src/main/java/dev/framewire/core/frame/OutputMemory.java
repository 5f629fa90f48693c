package dev.framewire.core.frame;

/**
 * Memory an engine offers a node for the one frame the node is about to return as its output, so that the frame is
 * made where the engine would otherwise copy it. The process engine offers, to a child computing an item whose
 * outcome was granted an arena slot, the place in that slot where an encoded frame's pixels go: a decoder that makes
 * its frame there saves the copy of every pixel into the slot and the page faults of fresh memory. Other engines
 * offer nothing, and a node that finds nothing offered allocates as usual.
 *
 * <p>Rules for a node that {@linkplain #claim claims} the memory: the frame made there must be the node's output,
 * or be released before the node returns (the engine writes the output there otherwise); its release must not free
 * the memory (wrap it with a no-op or {@code null} release); and it must not be kept past the call.
 *
 * <p>Per thread: an offer is visible only to the thread it was made on, and lasts until {@link #withdraw}.
 */
public final class OutputMemory {
    private static final ThreadLocal<OutputMemory> OFFERED = new ThreadLocal<>();

    private final long address;
    private final long capacity;
    private boolean claimed;

    private OutputMemory(long address, long capacity) {
        this.address = address;
        this.capacity = capacity;
    }

    /** Engine: offers {@code capacity} bytes at {@code address} to the next claim on this thread. */
    public static void offer(long address, long capacity) {
        if (address == 0 || capacity < 1) {
            throw new IllegalArgumentException("nothing to offer at " + address + " (" + capacity + " bytes)");
        }
        OFFERED.set(new OutputMemory(address, capacity));
    }

    /**
     * Engine: ends this thread's offer.
     *
     * @return the address that was claimed, or 0 if the offer was not claimed (or there was none)
     */
    public static long withdraw() {
        OutputMemory m = OFFERED.get();
        OFFERED.remove();
        return m != null && m.claimed ? m.address : 0;
    }

    /**
     * Node: takes the memory offered on this thread for a frame of {@code bytes} bytes (its stride times its height).
     * At most one claim per offer succeeds.
     *
     * @return the address to make the frame at, or 0: nothing offered, already claimed, or smaller than {@code bytes}
     */
    public static long claim(long bytes) {
        OutputMemory m = OFFERED.get();
        if (m == null || m.claimed || bytes < 1 || bytes > m.capacity) {
            return 0;
        }
        m.claimed = true;
        return m.address;
    }
}
