package dev.framewire.core.process;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;

import java.lang.reflect.Field;

/**
 * A test-only node that misbehaves on command: the item names the fault. Anything else is upper-cased; a frame is
 * answered with the sum of its first and last pixel's channel 0 and its address (to tell a view from a copy).
 */
final class FaultyNode implements NodeFunction {
    @Override
    public Object apply(Object item) throws Exception {
        if (item instanceof Frame f) {
            int w = f.width();
            int h = f.height();
            return new FrameSummary(f.get(0, 0, 0) + f.get(w - 1, h - 1, 0), f.address(), ProcessHandle.current().pid());
        }
        String command = (String) item;
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

    record FrameSummary(int corners, long address, long pid) {
    }

    private static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }
}
