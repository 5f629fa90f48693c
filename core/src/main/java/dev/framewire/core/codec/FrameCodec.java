package dev.framewire.core.codec;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;

/**
 * Encodes a {@link Frame} as a 16-byte header (width, height, stride, pixel order) followed by its pixels, copied
 * with one memory copy straight into the destination (a mapped queue file).
 *
 * <p>Decoding returns a view of the encoded pixels when the cursor {@linkplain BinaryIn#viewsAllowed() allows it}
 * (no copy: a native kernel reads the mapped memory in place; the frame's release does nothing), and an owned copy
 * otherwise.
 */
final class FrameCodec implements Codec<Frame> {
    static final int HEADER = 16;
    private static final PixelOrder[] ORDERS = PixelOrder.values();

    @Override
    public Class<Frame> type() {
        return Frame.class;
    }

    @Override
    public long maxEncodedSize(Frame value, CodecRegistry registry) {
        return HEADER + value.byteSize();
    }

    @Override
    public void encode(Frame frame, BinaryOut out, CodecRegistry registry) {
        out.putInt(frame.width()).putInt(frame.height()).putInt(frame.stride())
                .putByte((byte) frame.order().ordinal()).putByte((byte) 0).putShort((short) 0);
        long bytes = frame.byteSize();
        out.putMemory(frame.address(), bytes);
    }

    @Override
    public Frame decode(BinaryIn in, CodecRegistry registry) {
        int width = in.getInt();
        int height = in.getInt();
        int stride = in.getInt();
        int order = in.getByte();
        in.getByte();
        in.getShort();
        if (order < 0 || order >= ORDERS.length || width < 1 || height < 1 || stride < 1) {
            throw new IllegalStateException("corrupt frame header " + width + "x" + height + " stride " + stride
                    + " order " + order);
        }
        PixelOrder pixelOrder = ORDERS[order];
        long bytes = (long) (height - 1) * stride + (long) width * pixelOrder.channels();
        long pixels = in.borrow(bytes);
        if (in.viewsAllowed()) {
            return Frame.wrap(pixels, width, height, stride, pixelOrder, null);
        }
        Frame copy = Frame.allocate(width, height, stride, pixelOrder);
        RawMemory.copy(pixels, copy.address(), bytes);
        return copy;
    }
}
