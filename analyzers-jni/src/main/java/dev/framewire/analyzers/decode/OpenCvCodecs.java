package dev.framewire.analyzers.decode;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;

/**
 * Loads the OpenCV codec libraries once, before any JavaCPP {@code Pointer} is created (creating one first fails with
 * {@code UnsatisfiedLinkError: Pointer.allocate}).
 */
final class OpenCvCodecs {
    static {
        Loader.load(opencv_imgcodecs.class);
    }

    private OpenCvCodecs() {
    }

    /** Touching this method runs the static initializer; cheap after the first call. */
    static void ensureLoaded() {
        // the work happens in the static initializer, once per class loader
    }
}
