package dev.framewire.core.process;

/** What a message on a channel carries, written in its header. */
public enum MessageKind {
    /** an item: the payload is the tagged value */
    VALUE,
    /** the producer dropped this sequence number: no payload */
    DROPPED,
    /** computing this sequence number failed: the payload is the node name and the message */
    ERROR,
    /** no message follows on this channel: no payload */
    END,
    /** the item was copied once into the run's payload arena: the payload is its offset and length there */
    REFERENCE;

    private static final MessageKind[] ALL = values();

    static MessageKind of(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new IllegalStateException("corrupt message kind " + code);
        }
        return ALL[code];
    }
}
