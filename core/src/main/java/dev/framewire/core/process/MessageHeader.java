package dev.framewire.core.process;

/**
 * Layout of the 24-byte header before every payload, in native byte order:
 * sequence number (8), append time from {@link System#nanoTime()} (8), kind (1), reserved (1), arena slot granted to
 * the reader for its outcome plus one, 0 for none (2, low byte first; orders only), payload length (4).
 */
final class MessageHeader {
    static final int SEQUENCE = 0;
    static final int APPEND_NANOS = 8;
    static final int KIND = 16;
    static final int GRANT = 18;
    /** Slots at or above this cannot be named in a grant. */
    static final int MAX_GRANT = 0xFFFE;
    static final int PAYLOAD_LENGTH = 20;
    static final int SIZE = 24;

    private MessageHeader() {
    }
}
