package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/** Hands an OpenCV {@link Mat}'s pixels to a {@link Frame} without copying them. */
final class MatFrames {
    private MatFrames() {
    }

    /**
     * A BGR frame over the pixels of {@code mat}, which must be a non-empty CV_8UC3 matrix. The frame takes ownership:
     * its last release deallocates the Mat (and with it the pixels, unless another Mat header shares them) exactly
     * once, through {@link Frame}'s run-once release. If wrapping fails the Mat is deallocated before the exception
     * leaves, so the caller never has to.
     */
    static Frame wrapBgr(Mat mat) {
        try {
            if (mat.isNull() || mat.empty() || mat.type() != CV_8UC3 || mat.dims() != 2) {
                throw new IllegalArgumentException("not a non-empty 2-D CV_8UC3 Mat");
            }
            long stride = mat.step();
            if (stride > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("row stride " + stride + " does not fit a frame");
            }
            return Frame.wrap(mat.data().address(), mat.cols(), mat.rows(), (int) stride, PixelOrder.BGR, mat::deallocate);
        } catch (RuntimeException e) {
            mat.deallocate();
            throw e;
        }
    }
}
