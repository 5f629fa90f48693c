package dev.framewire.core.network;

/** What a node does; engines switch on it. */
public enum NodeKind {
    /** yields items; numbers them 0..n-1 */
    SOURCE,
    /** a function of one item, possibly with {@code workers(n)} order-preserving replicas */
    TRANSFORM,
    /** a function returning a {@link java.util.concurrent.CompletableFuture}, with a bound on items in flight */
    ASYNC_TRANSFORM,
    /** a function from the input stream to an output stream; renumbers its outputs 0..m-1 */
    STREAM_TRANSFORM,
    /** consumes items */
    SINK,
    /** joins one item per input by sequence number */
    MERGE_SYNCH,
    /** fans in by arrival order; renumbers its outputs 0..m-1 */
    MERGE_ANY,
    /** routes each item to some of its outputs */
    SPLIT,
    /** the input boundary of a nestable network: inside, it behaves as a source fed from outside */
    NETWORK_INPUT,
    /** the output boundary of a nestable network: inside, it behaves as a sink feeding the outside */
    NETWORK_OUTPUT
}
