package dev.framewire.core.process;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;

import java.lang.reflect.Field;

/**
 * A test-only node that misbehaves on command: the item names the fault. Anything else is upper-cased; a frame is
 * answered with the sum of its first and last pixel's channel 0 and its address (to tell a view from a copy).
 */
final class FaultyNode implements NodeFunction {
    /** The last frame "frame:seed" made in this JVM, to tell whether its child freed it after answering. */
    private static Frame lastMade;

    @Override
    public Object apply(Object item) throws Exception {
        if (item instanceof Frame f) {
            int w = f.width();
            int h = f.height();
            return new FrameSummary(f.get(0, 0, 0) + f.get(w - 1, h - 1, 0), f.address(), ProcessHandle.current().pid());
        }
        String command = (String) item;
        if (command.startsWith("frame:")) {
            lastMade = madeFrame(Integer.parseInt(command.substring("frame:".length())));
            return lastMade;
        }
        if (command.equals("last-made-open")) {
            return lastMade != null && lastMade.isOpen();
        }
        if (command.startsWith("scribble-sigkill:")) {
            // a child that dies after writing into the arena (over whatever slot it was granted) and before answering
            java.nio.file.Path arena = java.nio.file.Path.of(command.substring("scribble-sigkill:".length()));
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(arena,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.MappedByteBuffer b = ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, ch.size());
                while (b.hasRemaining()) {
                    b.put((byte) 0xAB);
                }
                b.force();
            }
            command = "sigkill";
        }
        switch (command) {
            case "throw" -> throw new IllegalStateException("bad item " + command);
            case "exit" -> System.exit(3);
            case "sigkill" -> new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
                    .inheritIO().start().waitFor();
            case "segv" -> unsafe().putAddress(0, 42);
            case "drop" -> {
                return null;
            }
            case "sleep" -> Thread.sleep(60_000);
            case "pid" -> {
                return ProcessHandle.current().pid();
            }
            case "thumbnail" -> {
                Frame thumb = Frame.allocate(2, 2, PixelOrder.GRAY);
                thumb.set(1, 1, 0, 77);
                return thumb;
            }
            default -> {
                return command.toUpperCase();
            }
        }
        throw new AssertionError("still alive after " + command);
    }

    /**
     * The frame "frame:seed" answers: odd geometry (a padded stride, a width not a multiple of 4), every byte
     * determined by the seed, padding included.
     */
    static Frame madeFrame(int seed) {
        int w = 301 + seed;
        int h = 203;
        int stride = w * 3 + 7;
        Frame f = Frame.allocate(w, h, stride, PixelOrder.BGR);
        for (long i = 0; i < f.byteSize(); i++) {
            unsafePut(f.address() + i, (byte) (i * 31 + seed * 17 + (i >>> 9)));
        }
        return f;
    }

    private static void unsafePut(long address, byte value) {
        Bytes.U.putByte(address, value);
    }

    private static final class Bytes {
        static final sun.misc.Unsafe U;

        static {
            try {
                U = unsafe();
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** Every byte of {@code f}'s memory (rows and padding between them). */
    static byte[] bytes(Frame f) {
        byte[] out = new byte[(int) f.byteSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Bytes.U.getByte(f.address() + i);
        }
        return out;
    }

    record FrameSummary(int corners, long address, long pid) {
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }
}
