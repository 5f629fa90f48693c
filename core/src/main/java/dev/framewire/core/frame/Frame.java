package dev.framewire.core.frame;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.framewire.core.internal.UnsafeAccess.BYTE_ARRAY_OFFSET;
import static dev.framewire.core.internal.UnsafeAccess.UNSAFE;

/**
 * An image of 8-bit interleaved pixels in memory outside the Java heap: a decoder's output, a slice of a
 * memory-mapped queue, or memory this class allocated.
 *
 * <p>Row {@code y} starts at {@code address() + y * stride()}; a row holds {@code width() * channels()} meaningful
 * bytes and may be padded up to {@code stride()}.
 *
 * <p><b>Ownership.</b> A frame is reference-counted. It starts with one reference, held by whoever created it.
 * {@link #retain()} adds a reference for another reader (a broadcast edge, another thread); {@link #release()} or
 * {@link #close()} gives one back. When the last reference goes, the memory is returned to its owner exactly once
 * (freed, or handed back to the queue or decoder it came from). Reading pixels after that is a programming error:
 * {@link #address()} then throws {@link IllegalStateException} rather than letting native code read freed memory.
 *
 * <p><b>Thread safety.</b> Reference counting is atomic and may be used from any thread. Pixel contents are not
 * synchronized: the usual pattern is one writer that fills the frame and then publishes it through a channel
 * (which provides the happens-before edge), and any number of readers afterwards.
 */
public final class Frame implements AutoCloseable {
    private final long address;
    private final int width;
    private final int height;
    private final int stride;
    private final PixelOrder order;
    private final Runnable releaser;
    private final AtomicInteger references = new AtomicInteger(1);

    private Frame(long address, int width, int height, int stride, PixelOrder order, Runnable releaser) {
        this.address = address;
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.order = order;
        this.releaser = releaser;
    }

    /**
     * Allocates an owned frame with tightly packed rows ({@code stride == width * channels}); contents are zero.
     *
     * @throws IllegalArgumentException if a dimension is below 1 or the frame would exceed 2^31-1 bytes per row
     */
    public static Frame allocate(int width, int height, PixelOrder order) {
        Objects.requireNonNull(order, "order");
        checkDimensions(width, height);
        long rowBytes = (long) width * order.channels();
        if (rowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row of " + rowBytes + " bytes is too long");
        }
        return allocate(width, height, (int) rowBytes, order);
    }

    /**
     * Allocates an owned frame with the given row stride in bytes; contents are zero.
     *
     * @throws IllegalArgumentException if a dimension is below 1 or the stride is shorter than a row
     */
    public static Frame allocate(int width, int height, int stride, PixelOrder order) {
        Objects.requireNonNull(order, "order");
        checkLayout(width, height, stride, order);
        long bytes = (long) stride * height;
        long address = UNSAFE.allocateMemory(bytes);
        UNSAFE.setMemory(address, bytes, (byte) 0);
        return new Frame(address, width, height, stride, order, () -> UNSAFE.freeMemory(address));
    }

    /**
     * Wraps memory this frame does not own. {@code onLastRelease} runs exactly once, on the thread that gives back
     * the last reference; it may be {@code null} when the memory outlives the frame anyway.
     *
     * @throws IllegalArgumentException if the address is 0, a dimension is below 1 or the stride is shorter than a row
     */
    public static Frame wrap(long address, int width, int height, int stride, PixelOrder order, Runnable onLastRelease) {
        Objects.requireNonNull(order, "order");
        if (address == 0) {
            throw new IllegalArgumentException("null address");
        }
        checkLayout(width, height, stride, order);
        return new Frame(address, width, height, stride, order, onLastRelease == null ? () -> { } : onLastRelease);
    }

    private static void checkDimensions(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame dimensions must be at least 1x1, got " + width + "x" + height);
        }
    }

    private static void checkLayout(int width, int height, int stride, PixelOrder order) {
        checkDimensions(width, height);
        long rowBytes = (long) width * order.channels();
        if (stride < rowBytes) {
            throw new IllegalArgumentException(
                    "stride " + stride + " is shorter than a row of " + width + " " + order + " pixels (" + rowBytes + " bytes)");
        }
    }

    /** Start of row 0. @throws IllegalStateException if the frame was released */
    public long address() {
        ensureOpen();
        return address;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Bytes from the start of one row to the start of the next. */
    public int stride() {
        return stride;
    }

    public PixelOrder order() {
        return order;
    }

    public int channels() {
        return order.channels();
    }

    /** Bytes spanned from the first pixel to the last: {@code (height - 1) * stride + width * channels}. */
    public long byteSize() {
        return (long) (height - 1) * stride + (long) width * order.channels();
    }

    /** Whether at least one reference is still held. */
    public boolean isOpen() {
        return references.get() > 0;
    }

    /** Current number of references; for tests and diagnostics. */
    public int referenceCount() {
        return references.get();
    }

    /**
     * Adds a reference. @return this frame
     * @throws IllegalStateException if the frame was already released
     */
    public Frame retain() {
        while (true) {
            int n = references.get();
            if (n <= 0) {
                throw new IllegalStateException("frame already released");
            }
            if (references.compareAndSet(n, n + 1)) {
                return this;
            }
        }
    }

    /**
     * Gives back one reference; the last one returns the memory to its owner.
     *
     * @throws IllegalStateException if no reference is held
     */
    public void release() {
        int n = references.decrementAndGet();
        if (n == 0) {
            releaser.run();
        } else if (n < 0) {
            references.incrementAndGet();
            throw new IllegalStateException("frame released more often than retained");
        }
    }

    /** Same as {@link #release()}: gives back the caller's reference. */
    @Override
    public void close() {
        release();
    }

    /** Reads channel {@code c} of pixel ({@code x}, {@code y}) as 0..255. Bounds-checked; meant for tests, not loops. */
    public int get(int x, int y, int c) {
        return UNSAFE.getByte(offsetOf(x, y, c)) & 0xFF;
    }

    /** Writes channel {@code c} of pixel ({@code x}, {@code y}). Bounds-checked; meant for tests, not loops. */
    public void set(int x, int y, int c, int value) {
        UNSAFE.putByte(offsetOf(x, y, c), (byte) value);
    }

    /** Copies row {@code y} (its {@code width * channels} meaningful bytes) into {@code dst} at {@code dstOffset}. */
    public void copyRowTo(int y, byte[] dst, int dstOffset) {
        int rowBytes = width * order.channels();
        Objects.checkFromIndexSize(dstOffset, rowBytes, dst.length);
        Objects.checkIndex(y, height);
        UNSAFE.copyMemory(null, address() + (long) y * stride, dst, BYTE_ARRAY_OFFSET + dstOffset, rowBytes);
    }

    /** Copies {@code width * channels} bytes from {@code src} at {@code srcOffset} into row {@code y}. */
    public void copyRowFrom(int y, byte[] src, int srcOffset) {
        int rowBytes = width * order.channels();
        Objects.checkFromIndexSize(srcOffset, rowBytes, src.length);
        Objects.checkIndex(y, height);
        UNSAFE.copyMemory(src, BYTE_ARRAY_OFFSET + srcOffset, null, address() + (long) y * stride, rowBytes);
    }

    private long offsetOf(int x, int y, int c) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(c, order.channels());
        return address() + (long) y * stride + (long) x * order.channels() + c;
    }

    private void ensureOpen() {
        if (references.get() <= 0) {
            throw new IllegalStateException("frame already released");
        }
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + " " + order + ", stride " + stride + (isOpen() ? "" : ", released") + "]";
    }
}
