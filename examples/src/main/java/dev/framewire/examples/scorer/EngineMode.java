package dev.framewire.examples.scorer;

/** Which engine runs a network; the network itself is the same object in all three. */
public enum EngineMode {
    /** One thread, deterministic: for tests and debugging. */
    SEQUENTIAL,
    /** Every node (and replica) on a pool thread, bounded channels between them. */
    THREADS,
    /** Transforms in child JVMs, frames exchanged over memory-mapped Chronicle Queues. */
    PROCESSES;

    /** The lower-case name users type. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
