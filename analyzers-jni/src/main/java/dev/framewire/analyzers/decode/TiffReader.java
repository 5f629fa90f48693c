package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;

/**
 * Classic TIFF and BigTIFF, either byte order. The first image file directory (IFD) gives ImageWidth and ImageLength;
 * the file is complete when every strip (or tile) that IFD points at lies inside the data.
 */
final class TiffReader implements FormatReader {
    static final TiffReader INSTANCE = new TiffReader();

    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int TYPE_SHORT = 3;
    private static final int TYPE_LONG = 4;
    private static final int TYPE_LONG8 = 16;

    private TiffReader() {
    }

    @Override
    public ImageHeader readHeader(ByteBuffer data) throws InvalidImageException {
        Directory ifd = Directory.first(new ByteReader(data, ImageFormat.TIFF));
        long width = ifd.singleValue(IMAGE_WIDTH);
        long height = ifd.singleValue(IMAGE_LENGTH);
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw InvalidImageException.corrupt(ImageFormat.TIFF, "header declares " + width + "x" + height);
        }
        return new ImageHeader(ImageFormat.TIFF, width, height);
    }

    @Override
    public void checkComplete(ByteBuffer data) throws InvalidImageException {
        ByteReader in = new ByteReader(data, ImageFormat.TIFF);
        Directory ifd = Directory.first(in);
        boolean tiled = ifd.entryPosition(TILE_OFFSETS) >= 0;
        int offsetsTag = tiled ? TILE_OFFSETS : STRIP_OFFSETS;
        int countsTag = tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS;
        long offsetsEntry = ifd.entryPosition(offsetsTag);
        long countsEntry = ifd.entryPosition(countsTag);
        if (offsetsEntry < 0 || countsEntry < 0) {
            throw InvalidImageException.corrupt(ImageFormat.TIFF, "no strip or tile offsets");
        }
        long n = ifd.count(offsetsEntry);
        if (ifd.count(countsEntry) != n) {
            throw InvalidImageException.corrupt(ImageFormat.TIFF, "strip offsets and byte counts differ in number");
        }
        for (long i = 0; i < n; i++) {
            long offset = ifd.value(offsetsEntry, i);
            long bytes = ifd.value(countsEntry, i);
            if (offset < 0 || bytes < 0) {
                throw InvalidImageException.truncated(ImageFormat.TIFF);
            }
            in.require(offset, bytes);
        }
    }

    /** One IFD: where its entries are, and how to read their values in this file's byte order and flavour. */
    private static final class Directory {
        private final ByteReader in;
        private final boolean littleEndian;
        private final boolean big;
        private final long entries;
        private final long entryCount;

        private Directory(ByteReader in, boolean littleEndian, boolean big, long entries, long entryCount) {
            this.in = in;
            this.littleEndian = littleEndian;
            this.big = big;
            this.entries = entries;
            this.entryCount = entryCount;
        }

        static Directory first(ByteReader in) throws InvalidImageException {
            int order = in.u16be(0);
            boolean littleEndian;
            if (order == 0x4949) {
                littleEndian = true;
            } else if (order == 0x4D4D) {
                littleEndian = false;
            } else {
                throw InvalidImageException.corrupt(ImageFormat.TIFF, "bad byte order mark");
            }
            int version = littleEndian ? in.u16le(2) : in.u16be(2);
            boolean big;
            long ifdOffset;
            if (version == 42) {
                big = false;
                ifdOffset = littleEndian ? in.u32le(4) : in.u32be(4);
            } else if (version == 43) {
                big = true;
                ifdOffset = littleEndian ? in.u64le(8) : in.u64be(8);
            } else {
                throw InvalidImageException.corrupt(ImageFormat.TIFF, "version " + version);
            }
            if (ifdOffset < 0) {
                throw InvalidImageException.truncated(ImageFormat.TIFF);
            }
            long entryCount = big ? (littleEndian ? in.u64le(ifdOffset) : in.u64be(ifdOffset))
                    : (littleEndian ? in.u16le(ifdOffset) : in.u16be(ifdOffset));
            long entrySize = big ? 20 : 12;
            if (entryCount < 0 || entryCount > in.length() / entrySize) {
                throw InvalidImageException.truncated(ImageFormat.TIFF);
            }
            long entries = ifdOffset + (big ? 8 : 2);
            in.require(entries, entryCount * entrySize);
            return new Directory(in, littleEndian, big, entries, entryCount);
        }

        /** Position of the entry with this tag, or -1. */
        long entryPosition(int tag) throws InvalidImageException {
            long entrySize = big ? 20 : 12;
            for (long i = 0; i < entryCount; i++) {
                long position = entries + i * entrySize;
                if (u16(position) == tag) {
                    return position;
                }
            }
            return -1;
        }

        long count(long entry) throws InvalidImageException {
            return big ? u64(entry + 4) : u32(entry + 4);
        }

        /** The only value of a required SHORT or LONG tag. */
        long singleValue(int tag) throws InvalidImageException {
            long entry = entryPosition(tag);
            if (entry < 0) {
                throw InvalidImageException.corrupt(ImageFormat.TIFF, "no tag " + tag + " in the first directory");
            }
            if (count(entry) < 1) {
                throw InvalidImageException.corrupt(ImageFormat.TIFF, "tag " + tag + " has no value");
            }
            return value(entry, 0);
        }

        /** Value {@code index} of an integer entry, inline or at the offset the entry holds. */
        long value(long entry, long index) throws InvalidImageException {
            int type = u16(entry + 2);
            int size = switch (type) {
                case TYPE_SHORT -> 2;
                case TYPE_LONG -> 4;
                case TYPE_LONG8 -> 8;
                default -> throw InvalidImageException.corrupt(ImageFormat.TIFF, "integer tag of type " + type);
            };
            long count = count(entry);
            long inlineBytes = big ? 8 : 4;
            long valueField = entry + (big ? 12 : 8);
            long values;
            if (count <= inlineBytes / size) {
                values = valueField;
            } else {
                values = big ? u64(valueField) : u32(valueField);
                if (values < 0 || count > in.length() / size) {
                    throw InvalidImageException.truncated(ImageFormat.TIFF);
                }
                in.require(values, count * size);
            }
            long position = values + index * size;
            return switch (size) {
                case 2 -> u16(position);
                case 4 -> u32(position);
                default -> u64(position);
            };
        }

        private int u16(long position) throws InvalidImageException {
            return littleEndian ? in.u16le(position) : in.u16be(position);
        }

        private long u32(long position) throws InvalidImageException {
            return littleEndian ? in.u32le(position) : in.u32be(position);
        }

        private long u64(long position) throws InvalidImageException {
            return littleEndian ? in.u64le(position) : in.u64be(position);
        }
    }
}
