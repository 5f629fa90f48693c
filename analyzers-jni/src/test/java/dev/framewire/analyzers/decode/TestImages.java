package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/** Real photos from the test resources, and fixtures encoded from them with OpenCV at test time. */
final class TestImages {
    private TestImages() {
    }

    static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/decode/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /decode/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes with OpenCV directly and unchanged (any channel count): the expected pixels for lossless fixtures. */
    static Mat openCvUnchanged(byte[] encoded) {
        OpenCvCodecs.ensureLoaded();
        Mat buffer = new Mat(1, encoded.length, CV_8UC1, new BytePointer(encoded));
        return imdecode(buffer, IMREAD_UNCHANGED);
    }

    /** The chelsea photo as OpenCV decodes it (BGR), optionally shrunk to keep fuzz inputs small. */
    static Mat chelsea(int width, int height) {
        Mat full = openCvUnchanged(resource("chelsea.jpg"));
        if (width == full.cols() && height == full.rows()) {
            return full;
        }
        Mat small = new Mat();
        resize(full, small, new Size(width, height), 0, 0, INTER_AREA);
        return small;
    }

    /** Encodes {@code image} with OpenCV; {@code extension} chooses the codec (".png", ".webp", ...). */
    static byte[] encode(Mat image, String extension) {
        BytePointer out = new BytePointer();
        if (!imencode(extension, image, out)) {
            throw new IllegalStateException("OpenCV cannot encode " + extension);
        }
        byte[] bytes = new byte[(int) out.limit()];
        out.get(bytes);
        return bytes;
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest absolute difference between a BGR frame and a 3-channel 8-bit Mat of the same size. */
    static int maxAbsDifference(Frame frame, Mat expected) {
        return (int) differences(frame, expected)[0];
    }

    /** Mean absolute difference per channel value between a BGR frame and a 3-channel 8-bit Mat of the same size. */
    static double meanAbsDifference(Frame frame, Mat expected) {
        return differences(frame, expected)[1];
    }

    /** {max, mean} of |frame - expected| over every channel value; sizes must match. */
    private static double[] differences(Frame frame, Mat expected) {
        if (frame.width() != expected.cols() || frame.height() != expected.rows() || expected.channels() != 3) {
            throw new AssertionError(frame + " and a " + expected.cols() + "x" + expected.rows() + "x"
                    + expected.channels() + " Mat differ in shape");
        }
        int rowBytes = frame.width() * 3;
        byte[] actualRow = new byte[rowBytes];
        byte[] expectedRow = new byte[rowBytes];
        long max = 0;
        long sum = 0;
        for (int y = 0; y < frame.height(); y++) {
            frame.copyRowTo(y, actualRow, 0);
            expected.ptr(y).get(expectedRow);
            for (int i = 0; i < rowBytes; i++) {
                int d = Math.abs((actualRow[i] & 0xFF) - (expectedRow[i] & 0xFF));
                max = Math.max(max, d);
                sum += d;
            }
        }
        return new double[] {max, sum / (double) ((long) rowBytes * frame.height())};
    }

    // ---- hand-made headers: a few bytes claiming an image, with no pixel data behind them ----

    /** SOI and a baseline SOF0 claiming {@code width x height}, three components; no tables, no scan, no EOI. */
    static byte[] jpegHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 17).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0xFF).put((byte) 0xD8);
        b.put((byte) 0xFF).put((byte) 0xC0).putShort((short) 17).put((byte) 8)
                .putShort((short) height).putShort((short) width).put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        return b.array();
    }

    /** Signature and IHDR claiming {@code width x height} 8-bit RGB; no IDAT, no IEND. */
    static byte[] pngHeaderOnly(long width, long height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25).order(ByteOrder.BIG_ENDIAN);
        b.put(PngReader.SIGNATURE).putInt(13).put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).putInt(0);
        return b.array();
    }

    /** RIFF/WEBP with a VP8X chunk claiming a {@code width x height} canvas; the RIFF size promises 1 MiB more. */
    static byte[] webpHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(22 + (1 << 20))
                .put("WEBPVP8X".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        put24(b, width - 1);
        put24(b, height - 1);
        return b.array();
    }

    /** BITMAPINFOHEADER claiming {@code width x height} at 24 bits; no pixel rows. */
    static byte[] bmpHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54)
                .putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0)
                .putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    /** Little-endian classic TIFF whose first IFD holds ImageWidth and ImageLength as LONGs, and one strip. */
    static byte[] tiffHeaderOnly(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 4 * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 4);
        b.putShort((short) 256).putShort((short) 4).putInt(1).putInt(width);
        b.putShort((short) 257).putShort((short) 4).putInt(1).putInt(height);
        b.putShort((short) 273).putShort((short) 4).putInt(1).putInt(1 << 20);
        b.putShort((short) 279).putShort((short) 4).putInt(1).putInt(1 << 20);
        b.putInt(0);
        return b.array();
    }

    private static void put24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >>> 8)).put((byte) (value >>> 16));
    }

    /**
     * A copy of a JPEG with an EXIF APP1 segment saying "rotate 90 degrees clockwise" (orientation 6) right after
     * SOI, as a phone held upright writes it.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int segmentLength = 2 + exif.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + segmentLength).order(ByteOrder.BIG_ENDIAN);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) segmentLength).put(exif).put(tiff.array());
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
