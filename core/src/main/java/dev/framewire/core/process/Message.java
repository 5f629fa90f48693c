package dev.framewire.core.process;

import dev.framewire.core.codec.BinaryIn;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.codec.RawMemory;

/**
 * A view of one message while a {@link ChannelReader} holds it: valid only inside
 * {@link ChannelReader.Handler#onMessage}, because the memory under it is the mapped queue file, which the reader may
 * unmap once it moves on. One instance per reader, reused; not thread-safe.
 */
public final class Message {
    private final CodecRegistry registry;
    private final BinaryIn in = new BinaryIn();
    private long index;
    private long sequence;
    private long appendNanos;
    private MessageKind kind;
    private int grant;
    private long payloadAddress;
    private int payloadLength;

    Message(CodecRegistry registry, boolean views) {
        this.registry = registry;
        in.viewsAllowed(views);
    }

    void set(long index, long headerAddress, long payloadAddress, int payloadLength) {
        this.index = index;
        this.sequence = RawMemory.getLong(headerAddress + MessageHeader.SEQUENCE);
        this.appendNanos = RawMemory.getLong(headerAddress + MessageHeader.APPEND_NANOS);
        this.kind = MessageKind.of(RawMemory.getByte(headerAddress + MessageHeader.KIND));
        this.grant = ((RawMemory.getByte(headerAddress + MessageHeader.GRANT) & 0xFF)
                | (RawMemory.getByte(headerAddress + MessageHeader.GRANT + 1) & 0xFF) << 8) - 1;
        this.payloadAddress = payloadAddress;
        this.payloadLength = payloadLength;
    }

    /** The queue index, for {@link ChannelReader#moveToIndex}. */
    public long index() {
        return index;
    }

    public long sequence() {
        return sequence;
    }

    /**
     * The arena slot the coordinator granted for this order's outcome (the reader may write a frame output there,
     * see {@link ChannelWriter#appendReference}), or -1 for none.
     */
    public int grant() {
        return grant;
    }

    /** {@link System#nanoTime()} of the writer when it began the append. */
    public long appendNanos() {
        return appendNanos;
    }

    public MessageKind kind() {
        return kind;
    }

    /** Address of the encoded payload in the mapped file: valid only while the handler runs. */
    public long payloadAddress() {
        return payloadAddress;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /**
     * Decodes the value of a {@link MessageKind#VALUE} message. A frame decoded by a reader opened with views is a
     * view of the mapped pixels, valid only while the handler runs.
     */
    public Object value() {
        requireKind(MessageKind.VALUE);
        return registry.readTagged(in.wrap(payloadAddress, payloadLength));
    }

    /** The node named in an {@link MessageKind#ERROR} message. */
    public String errorNode() {
        requireKind(MessageKind.ERROR);
        return in.wrap(payloadAddress, payloadLength).getString();
    }

    /** The description in an {@link MessageKind#ERROR} message. */
    public String errorMessage() {
        requireKind(MessageKind.ERROR);
        in.wrap(payloadAddress, payloadLength).getString();
        return in.getString();
    }

    /** The arena offset in a {@link MessageKind#REFERENCE} message. */
    public long referenceOffset() {
        requireKind(MessageKind.REFERENCE);
        return in.wrap(payloadAddress, payloadLength).getLong();
    }

    /** The encoded length in a {@link MessageKind#REFERENCE} message. */
    public long referenceLength() {
        requireKind(MessageKind.REFERENCE);
        in.wrap(payloadAddress, payloadLength).getLong();
        return in.getLong();
    }

    /** Decodes a value encoded elsewhere (an arena slot) with this reader's registry and view policy. */
    Object decodeAt(long address, long length) {
        return registry.readTagged(in.wrap(address, length));
    }

    private void requireKind(MessageKind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException("message " + sequence + " is " + kind + ", not " + wanted);
        }
    }

    @Override
    public String toString() {
        return "Message[" + sequence + " " + kind + ", " + payloadLength + " bytes at index " + Long.toHexString(index) + "]";
    }
}
