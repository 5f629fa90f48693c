package dev.framewire.analyzers.kernels;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.helpers.SubstituteLogger;

import java.util.ArrayDeque;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The native boundary turns every refusal into a status or an exception, and a failed load into the Java path. */
class NativeKernelsGuardTest {
    @BeforeAll
    static void load() {
        NativeLibrary.requireAvailable();
    }

    @Test
    void theCAbiReturnsAStatusForEveryBadArgument() {
        try (DoublePointer out = new DoublePointer(8); Frame frame = Frame.allocate(4, 4, PixelOrder.RGB)) {
            long pixels = frame.address();
            long o = out.address();
            assertThat(NativeKernels.fw_sharpness(0, 4, 4, 12, NativeKernels.FW_RGB, o)).isEqualTo(NativeKernels.FW_EINVAL_POINTER);
            assertThat(NativeKernels.fw_sharpness(pixels, 4, 4, 12, NativeKernels.FW_RGB, 0)).isEqualTo(NativeKernels.FW_EINVAL_POINTER);
            assertThat(NativeKernels.fw_exposure(pixels, 0, 4, 12, NativeKernels.FW_RGB, o, 0)).isEqualTo(NativeKernels.FW_EINVAL_SIZE);
            assertThat(NativeKernels.fw_composition(pixels, 4, -1, 12, NativeKernels.FW_RGB, o)).isEqualTo(NativeKernels.FW_EINVAL_SIZE);
            assertThat(NativeKernels.fw_analyze_all(pixels, 4, 4, 11, NativeKernels.FW_RGB, o, 0)).isEqualTo(NativeKernels.FW_EINVAL_STRIDE);
            assertThat(NativeKernels.fw_sharpness(pixels, 4, 4, 12, 7, o)).isEqualTo(NativeKernels.FW_EINVAL_ORDER);
            assertThat(NativeKernels.fw_sharpness(pixels, 4, 4, 12, NativeKernels.FW_RGB, o)).isEqualTo(NativeKernels.FW_OK);
        }
    }

    @Test
    void aRefusalBecomesAnIllegalArgumentExceptionNamingTheFrame() {
        try (Frame frame = Frame.allocate(4, 3, PixelOrder.BGR)) {
            assertThatThrownBy(() -> NativePhotoKernels.check("fw_sharpness", frame, NativeKernels.FW_EINVAL_STRIDE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fw_sharpness rejected Frame[4x3 BGR, stride 12]: stride shorter than a row (status -3)");
        }
    }

    @Test
    void aLibraryThatCannotLoadIsReportedNotThrown() {
        UnsatisfiedLinkError missing = new UnsatisfiedLinkError("no jniNativeKernels in java.library.path");

        Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
        Logger log = new EventRecordingLogger(new SubstituteLogger("kernels", events, false), events);

        Throwable failure = NativeLibrary.probe(() -> {
            throw missing;
        }, log);

        assertThat(failure).isSameAs(missing);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getMessage()).contains("using the pure-Java kernels");
            assertThat(event.getArgumentArray()).containsExactly("UnsatisfiedLinkError: no jniNativeKernels in java.library.path");
        });
        assertThat(NativeLibrary.probe(() -> { }, NOPLogger.NOP_LOGGER)).isNull();
    }
}
