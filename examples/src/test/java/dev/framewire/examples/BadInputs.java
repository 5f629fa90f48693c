package dev.framewire.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/** Builds the kinds of broken input a real photo folder contains. */
public final class BadInputs {
    private BadInputs() {
    }

    public static void zeroBytes(Path file) throws IOException {
        Files.write(file, new byte[0]);
    }

    /** The first 40% of a real JPEG. */
    public static void truncatedCopy(Path jpeg, Path file) throws IOException {
        byte[] all = Files.readAllBytes(jpeg);
        Files.write(file, java.util.Arrays.copyOf(all, all.length * 2 / 5));
    }

    public static void text(Path file) throws IOException {
        Files.writeString(file, "these are my holiday notes, not a photo\n", StandardCharsets.UTF_8);
    }

    /** A PNG whose header claims width x height pixels (and whose pixel data is missing): a decompression bomb. */
    public static void hugePngHeader(Path file, int width, int height) throws IOException {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteBuffer png = ByteBuffer.allocate(8 + 12 + 13 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IEND", new byte[0]);
        Files.write(file, png.array());
    }

    private static void chunk(ByteBuffer png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.putInt(data.length).put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.putInt((int) crc.getValue());
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
