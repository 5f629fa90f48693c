package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.javacpp.BytePointer;

import java.util.SplittableRandom;

/**
 * Seeded test frames over memory this class allocates, every byte of it (row padding included) filled, so a
 * kernel that reads padding or past the last pixel gives a different answer instead of passing by luck.
 */
final class RandomFrames {
    /** What the pixels look like. */
    enum Content {
        /** uniform random bytes: every Sobel magnitude differs, the hardest case for the percentile */
        NOISE,
        /** smooth gradients, a few hard edges and mild noise: like a photo */
        PHOTO_LIKE,
        /** one value everywhere: no strong pixel at all */
        FLAT,
        /** only 0 and 255 and values near the clipping limits: many ties, extreme sums */
        EXTREMES
    }

    static {
        NativeLibrary.isAvailable(); // JavaCPP wants its libraries loaded before the first Pointer is allocated
    }

    private RandomFrames() {
    }

    static Frame create(int width, int height, int padding, PixelOrder order, Content content, long seed) {
        int channels = order.channels();
        int stride = width * channels + padding;
        long bytes = (long) stride * height;
        BytePointer memory = new BytePointer(bytes);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] row = new byte[stride];
        int flat = random.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int i = 0; i < stride; i++) {
                int x = i / channels;
                int value;
                if (i >= width * channels) {
                    value = random.nextInt(256); // padding: garbage
                } else {
                    value = switch (content) {
                        case NOISE -> random.nextInt(256);
                        case FLAT -> flat;
                        case EXTREMES -> switch (random.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> 255;
                            case 2 -> 1 + random.nextInt(20);
                            default -> 235 + random.nextInt(20);
                        };
                        case PHOTO_LIKE -> photoLike(x, y, i % channels, width, height, random);
                    };
                }
                row[i] = (byte) value;
            }
            memory.position((long) y * stride).put(row, 0, stride);
        }
        memory.position(0);
        return Frame.wrap(memory.address(), width, height, stride, order, memory::close);
    }

    private static int photoLike(int x, int y, int channel, int width, int height, SplittableRandom random) {
        double gradient = 60 + 120.0 * x / Math.max(1, width) + 40.0 * y / Math.max(1, height);
        double object = (x > width / 3 && x < width / 2 && y > height / 3 && y < 2 * height / 3) ? 70 : 0;
        double texture = 25 * Math.sin(x * 0.21 + channel) * Math.cos(y * 0.13);
        int value = (int) Math.round(gradient + object + texture + random.nextInt(9) - 4);
        return Math.max(0, Math.min(255, value));
    }
}
