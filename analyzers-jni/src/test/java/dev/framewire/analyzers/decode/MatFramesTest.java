package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

class MatFramesTest {
    @BeforeAll
    static void loadOpenCv() {
        OpenCvCodecs.ensureLoaded();
    }

    @Test
    void theFrameSeesTheMatsPixelsWithoutACopy() {
        Mat mat = new Mat(3, 5, CV_8UC3, new Scalar(10, 20, 30, 0));
        long pixels = mat.data().address();
        try (Frame frame = MatFrames.wrapBgr(mat)) {
            assertThat(frame.address()).isEqualTo(pixels);
            assertThat(frame.width()).isEqualTo(5);
            assertThat(frame.height()).isEqualTo(3);
            assertThat(frame.stride()).isEqualTo(15);
            assertThat(frame.order()).isEqualTo(PixelOrder.BGR);
            assertThat(new int[] {frame.get(4, 2, 0), frame.get(4, 2, 1), frame.get(4, 2, 2)}).containsExactly(10, 20, 30);
        }
    }

    @Test
    void theLastReleaseFreesTheMatExactlyOnce() {
        Mat owner = new Mat(4, 4, CV_8UC3);
        Mat witness = new Mat(owner); // a second header on the same pixels: OpenCV counts both
        assertThat(witness.u().refcount()).isEqualTo(2);

        Frame frame = MatFrames.wrapBgr(owner);
        Frame second = frame.retain();
        second.release();
        assertThat(witness.u().refcount()).as("a reader's release frees nothing").isEqualTo(2);
        assertThat(owner.isNull()).isFalse();

        frame.close();
        assertThat(witness.u().refcount()).as("the last release gives back the owner's reference").isEqualTo(1);
        assertThat(owner.isNull()).as("the Mat header itself is deallocated").isTrue();

        assertThatThrownBy(frame::release).isInstanceOf(IllegalStateException.class);
        assertThat(witness.u().refcount()).as("a further release frees nothing twice").isEqualTo(1);
        witness.deallocate();
    }

    @Test
    void aMatThatCannotBecomeAFrameIsFreedAndRefused() {
        Mat gray = new Mat(2, 2, CV_8UC1);
        assertThatThrownBy(() -> MatFrames.wrapBgr(gray)).isInstanceOf(IllegalArgumentException.class);
        assertThat(gray.isNull()).isTrue();
        Mat empty = new Mat();
        assertThatThrownBy(() -> MatFrames.wrapBgr(empty)).isInstanceOf(IllegalArgumentException.class);
    }
}
