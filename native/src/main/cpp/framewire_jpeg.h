/*
 * framewire JPEG fast path: decodes a baseline or progressive JPEG to interleaved BGR through the system's
 * libjpeg-turbo (libjpeg.so.62, which Debian and Ubuntu build with SIMD), loaded with dlopen at first use.
 *
 * Nothing here links against libjpeg at build time: on a machine without libjpeg.so.62 (or a library built
 * against another libjpeg API version, or a build without <jpeglib.h>) every call reports FWJ_UNAVAILABLE and
 * the caller falls back to another decoder. The output is what libjpeg produces with its defaults
 * (JDCT_ISLOW, fancy upsampling, block smoothing) and out_color_space = JCS_EXT_BGR, which is also what
 * OpenCV's imdecode(IMREAD_COLOR) asks its own libjpeg-turbo for: the same pixels, bit for bit.
 *
 * Thread safety: every function may be called from any thread; the library is loaded once (std::call_once)
 * and each decode uses only its own libjpeg state.
 */
#ifndef FRAMEWIRE_JPEG_H
#define FRAMEWIRE_JPEG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum fw_jpeg_status {
    FWJ_OK = 0,
    /* libjpeg.so.62 missing, a symbol missing, another JPEG_LIB_VERSION, or built without <jpeglib.h> */
    FWJ_UNAVAILABLE = -1,
    /* a colour space this path leaves to the fallback decoder (CMYK, YCCK, anything not 1 or 3 components) */
    FWJ_UNSUPPORTED = -2,
    /* null data or output, size < 1, width/height < 1, or stride < 3 * width */
    FWJ_EINVAL = -3,
    /* the frame header's dimensions differ from the expected width and height (message says both) */
    FWJ_SIZE_MISMATCH = -4,
    /* the data ended before the image did (libjpeg's "premature end" warnings) */
    FWJ_TRUNCATED = -5,
    /* libjpeg refused the data; the message is libjpeg's */
    FWJ_CORRUPT = -6,
    /* libjpeg could not allocate its working memory */
    FWJ_ENOMEM = -7
};

/* 1 if the fast path is usable (loads the library on first call), else 0. */
int fw_jpeg_available(void);

/*
 * A one-line description: "libjpeg-turbo 62 (libjpeg.so.62, system)" when available, otherwise
 * "unavailable: <reason>". Static storage; valid for the life of the process.
 */
const char* fw_jpeg_backend(void);

/*
 * Decodes the JPEG in data[0, size) into out, row r at out + r * stride, 3 * width bytes per row in B, G, R
 * order (gray files give three equal channels). width and height are what the caller read from the frame
 * header and sized out for; the decode fails with FWJ_SIZE_MISMATCH before writing if the file disagrees.
 * Bytes of out beyond 3 * width in each row are not written. On any status but FWJ_OK the rows of out
 * may be partly written. message (may be null) receives a NUL-terminated one-line reason for every
 * status but FWJ_OK, truncated to message_capacity bytes; warnings_out (may be null) receives the number of
 * libjpeg warnings on FWJ_OK (corrupt-data warnings libjpeg recovers from, such as extraneous bytes before
 * a marker: the image is still returned, as OpenCV returns it).
 */
int fw_jpeg_decode_bgr(const uint8_t* data, int64_t size, int32_t width, int32_t height, uint8_t* out,
                       int64_t stride, char* message, int32_t message_capacity, int32_t* warnings_out);

/*
 * Memory for a decoded frame of `bytes` bytes (not zeroed), NULL if bytes < 1 or allocation fails; release it with
 * fw_jpeg_free_frame. Frames of 8 MiB and more are 2 MiB-aligned and kept off transparent huge pages (madvise
 * MADV_NOHUGEPAGE): on a VM that hands freed memory back to its host, a fresh huge page costs some twenty times a
 * fresh 4 KiB page to fault in. With the environment variable FRAMEWIRE_FRAME_PAGES=huge (read at each fresh
 * frame) they are advised for huge pages instead (MADV_HUGEPAGE), which streams faster where faulting them in is
 * cheap. Works whether or not the fast path is available.
 *
 * Frames of 8 MiB and more are recycled: fw_jpeg_free_frame keeps up to 8 of them (512 MiB at most, the oldest
 * freed first) and fw_jpeg_alloc_frame hands back the most recently kept one that fits (at least the size asked
 * for, less than twice it), already mapped, which saves the kernel zeroing a fresh frame's pages. A new block is only made
 * when no kept one fits, so a steady stream of same-sized frames holds no more memory than the most frames
 * alive at once. Thread-safe.
 */
void* fw_jpeg_alloc_frame(int64_t bytes);
void fw_jpeg_free_frame(void* frame);

/* Bytes of freed frames kept for reuse. */
int64_t fw_jpeg_frame_cache_bytes(void);

/* Gives the kept frames back to the system (for a long-lived process between bursts of work). */
void fw_jpeg_frame_cache_trim(void);

#ifdef __cplusplus
}
#endif

#endif /* FRAMEWIRE_JPEG_H */
