// JPEG fast path through the system libjpeg-turbo, loaded with dlopen (see framewire_jpeg.h).
//
// Only the struct layouts and constants come from <jpeglib.h>; every libjpeg function is resolved with dlsym from
// libjpeg.so.62 at first use, so the library that holds this file loads (and reports "unavailable") on a machine
// without libjpeg. jpeg_CreateDecompress checks the caller's JPEG_LIB_VERSION and struct size against the loaded
// library's: a mismatch is caught once, at load time, and makes the path unavailable.
//
// Errors leave libjpeg through error_exit, which longjmps back to the one setjmp in guarded_decode(); nothing with a
// destructor lives in the frames the jump crosses, and everything the handler reports goes through the JpegCall
// struct, never through locals of the setjmp frame.
#include "framewire_jpeg.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>  // jpeglib.h uses FILE and size_t without including anything
#include <cstdlib>
#include <cstring>

#include <malloc.h>
#include <sys/mman.h>

#include <mutex>

#if defined(__has_include)
#if __has_include(<jpeglib.h>) && !defined(FW_JPEG_WITHOUT_HEADER)
#define FW_JPEG_HAVE_HEADER 1
#endif
#endif

#ifdef FW_JPEG_HAVE_HEADER
#include <dlfcn.h>
#include <jpeglib.h>

#include <csetjmp>
#endif

namespace fw::detail {

inline void jpeg_copy_message(char* dst, int32_t capacity, const char* text) {
    if (dst == nullptr || capacity < 1) return;
    const size_t room = static_cast<size_t>(capacity) - 1;
    size_t n = std::strlen(text);
    if (n > room) n = room;
    std::memcpy(dst, text, n);
    dst[n] = '\0';
    for (size_t i = 0; i < n; ++i) {
        if (dst[i] == '\n' || dst[i] == '\r') dst[i] = ' ';  // one line, whatever libjpeg says
    }
}

#ifdef FW_JPEG_HAVE_HEADER
#ifndef JCS_EXTENSIONS
#error "<jpeglib.h> is not libjpeg-turbo's: JCS_EXT_BGR is missing"
#endif

// The functions this path calls, resolved once. jpeg_std_error fills the error manager's function pointers
// (format_message...), so those are called through the struct, not dlsym.
struct JpegApi {
    jpeg_error_mgr* (*std_error)(jpeg_error_mgr*) = nullptr;
    void (*create_decompress)(j_decompress_ptr, int, size_t) = nullptr;
    void (*destroy_decompress)(j_decompress_ptr) = nullptr;
    void (*mem_src)(j_decompress_ptr, const unsigned char*, unsigned long) = nullptr;
    int (*read_header)(j_decompress_ptr, boolean) = nullptr;
    boolean (*start_decompress)(j_decompress_ptr) = nullptr;
    JDIMENSION (*read_scanlines)(j_decompress_ptr, JSAMPARRAY, JDIMENSION) = nullptr;
    boolean (*finish_decompress)(j_decompress_ptr) = nullptr;
    bool ok = false;
    char description[256] = "unavailable: not loaded";
};

struct JpegErrorMgr {
    jpeg_error_mgr pub;  // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    int status;          // what a longjmp means: FWJ_CORRUPT, FWJ_TRUNCATED...
    int warnings;
    char message[JMSG_LENGTH_MAX];
};

// One decode: everything the guarded part reads or writes, so no local of the setjmp frame is live across a jump.
struct JpegCall {
    const JpegApi* api;
    jpeg_decompress_struct cinfo;
    JpegErrorMgr err;
    const uint8_t* data;
    int64_t size;
    int32_t width, height;
    uint8_t* out;
    int64_t stride;
    bool created;
};

inline bool jpeg_is_truncation(const char* message) {
    // libjpeg's "Premature end of JPEG file" (the source ran dry) and "Corrupt JPEG data: premature end of data
    // segment" (a marker where entropy-coded data should continue). Matched by text: message numbers differ
    // between libjpeg-turbo releases that share the 62 API, the English texts do not.
    for (const char* p = message; *p != '\0'; ++p) {
        if ((p[0] == 'P' || p[0] == 'p') && std::strncmp(p + 1, "remature end", 12) == 0) return true;
    }
    return false;
}

void jpeg_on_error(j_common_ptr cinfo) {
    JpegErrorMgr* err = reinterpret_cast<JpegErrorMgr*>(cinfo->err);
    cinfo->err->format_message(cinfo, err->message);
    err->status = jpeg_is_truncation(err->message) ? FWJ_TRUNCATED : FWJ_CORRUPT;
    std::longjmp(err->jump, 1);
}

void jpeg_on_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;  // trace messages: libjpeg only emits them with trace_level > 0
    JpegErrorMgr* err = reinterpret_cast<JpegErrorMgr*>(cinfo->err);
    char text[JMSG_LENGTH_MAX];
    cinfo->err->format_message(cinfo, text);
    ++err->warnings;
    cinfo->err->num_warnings++;
    if (jpeg_is_truncation(text)) {
        // a truncated file is an error, not a photo whose lower part libjpeg filled with gray
        std::memcpy(err->message, text, sizeof text);
        err->status = FWJ_TRUNCATED;
        std::longjmp(err->jump, 1);
    }
}

void jpeg_on_output(j_common_ptr) {
    // never print: warnings are counted, errors reported through the status
}

template <typename Fn>
bool jpeg_resolve(void* handle, const char* name, Fn& fn, JpegApi& api) {
    void* sym = dlsym(handle, name);
    if (sym == nullptr) {
        std::snprintf(api.description, sizeof api.description, "unavailable: libjpeg.so.62 has no %s", name);
        return false;
    }
    static_assert(sizeof fn == sizeof sym, "function and object pointers differ in size");
    std::memcpy(&fn, &sym, sizeof fn);
    return true;
}

inline void jpeg_init_errors(const JpegApi& api, JpegCall& call) {
    JpegErrorMgr& err = call.err;
    call.cinfo.err = api.std_error(&err.pub);
    err.pub.error_exit = jpeg_on_error;
    err.pub.emit_message = jpeg_on_message;
    err.pub.output_message = jpeg_on_output;
    err.status = FWJ_CORRUPT;
    err.warnings = 0;
    err.message[0] = '\0';
}

// Creating and destroying a decompressor once proves that the loaded library accepts this header's
// JPEG_LIB_VERSION and sizeof(jpeg_decompress_struct).
bool jpeg_probe(JpegApi& api, JpegCall& call) {
    if (setjmp(call.err.jump) != 0) return false;
    api.create_decompress(&call.cinfo, JPEG_LIB_VERSION, sizeof(jpeg_decompress_struct));
    call.created = true;
    return true;
}

JpegApi jpeg_load() {
    JpegApi api;
    dlerror();
    void* handle = dlopen("libjpeg.so.62", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* why = dlerror();
        std::snprintf(api.description, sizeof api.description, "unavailable: %s", why != nullptr ? why : "dlopen failed");
        return api;
    }
    void (*skip_scanlines)() = nullptr;  // only present in libjpeg-turbo, which alone knows JCS_EXT_BGR
    if (!jpeg_resolve(handle, "jpeg_std_error", api.std_error, api) ||
        !jpeg_resolve(handle, "jpeg_CreateDecompress", api.create_decompress, api) ||
        !jpeg_resolve(handle, "jpeg_destroy_decompress", api.destroy_decompress, api) ||
        !jpeg_resolve(handle, "jpeg_mem_src", api.mem_src, api) ||
        !jpeg_resolve(handle, "jpeg_read_header", api.read_header, api) ||
        !jpeg_resolve(handle, "jpeg_start_decompress", api.start_decompress, api) ||
        !jpeg_resolve(handle, "jpeg_read_scanlines", api.read_scanlines, api) ||
        !jpeg_resolve(handle, "jpeg_finish_decompress", api.finish_decompress, api) ||
        !jpeg_resolve(handle, "jpeg_skip_scanlines", skip_scanlines, api)) {
        return api;  // the handle stays open: harmless, and closing it would race with nothing to gain
    }
    JpegCall call{};
    jpeg_init_errors(api, call);
    const bool accepted = jpeg_probe(api, call);
    if (call.created) api.destroy_decompress(&call.cinfo);
    if (!accepted) {
        std::snprintf(api.description, sizeof api.description, "unavailable: libjpeg.so.62 refused API %d: %s",
                      JPEG_LIB_VERSION, call.err.message);
    } else {
        api.ok = true;
        std::snprintf(api.description, sizeof api.description, "libjpeg-turbo %d (system libjpeg.so.62)",
                      JPEG_LIB_VERSION);
    }
    return api;
}

const JpegApi& jpeg_api() {
    static const JpegApi api = jpeg_load();  // thread-safe one-time initialisation
    return api;
}

// The part that may longjmp. Returns FWJ_OK or a status decided before libjpeg could fail.
int jpeg_decode_unguarded(JpegCall& c) {
    const JpegApi& api = *c.api;
    api.create_decompress(&c.cinfo, JPEG_LIB_VERSION, sizeof(jpeg_decompress_struct));
    c.created = true;
    api.mem_src(&c.cinfo, c.data, static_cast<unsigned long>(c.size));
    api.read_header(&c.cinfo, TRUE);
    if (c.cinfo.num_components == 4 || (c.cinfo.jpeg_color_space != JCS_GRAYSCALE &&
                                        c.cinfo.jpeg_color_space != JCS_YCbCr && c.cinfo.jpeg_color_space != JCS_RGB)) {
        std::snprintf(c.err.message, sizeof c.err.message, "%d components, colour space %d",
                      c.cinfo.num_components, static_cast<int>(c.cinfo.jpeg_color_space));
        return FWJ_UNSUPPORTED;
    }
    if (c.cinfo.image_width != static_cast<JDIMENSION>(c.width) || c.cinfo.image_height != static_cast<JDIMENSION>(c.height)) {
        std::snprintf(c.err.message, sizeof c.err.message, "%ux%u", c.cinfo.image_width, c.cinfo.image_height);
        return FWJ_SIZE_MISMATCH;
    }
    // libjpeg's defaults (JDCT_ISLOW, fancy upsampling, block smoothing, scale 1/1) are what OpenCV uses too.
    c.cinfo.out_color_space = JCS_EXT_BGR;
    api.start_decompress(&c.cinfo);
    if (c.cinfo.output_components != 3 || c.cinfo.output_width != static_cast<JDIMENSION>(c.width) ||
        c.cinfo.output_height != static_cast<JDIMENSION>(c.height)) {
        std::snprintf(c.err.message, sizeof c.err.message, "libjpeg produces %ux%u with %d components",
                      c.cinfo.output_width, c.cinfo.output_height, c.cinfo.output_components);
        return FWJ_UNSUPPORTED;
    }
    constexpr int kRows = 16;
    JSAMPROW rows[kRows];
    while (c.cinfo.output_scanline < c.cinfo.output_height) {
        const JDIMENSION first = c.cinfo.output_scanline;
        JDIMENSION n = c.cinfo.output_height - first;
        if (n > static_cast<JDIMENSION>(kRows)) n = kRows;
        for (JDIMENSION i = 0; i < n; ++i) rows[i] = c.out + static_cast<int64_t>(first + i) * c.stride;
        if (api.read_scanlines(&c.cinfo, rows, n) == 0) {
            // only a suspending source returns no rows; the memory source never suspends
            std::snprintf(c.err.message, sizeof c.err.message, "libjpeg stopped at row %u", first);
            return FWJ_CORRUPT;
        }
    }
    api.finish_decompress(&c.cinfo);
    return FWJ_OK;
}

int jpeg_guarded_decode(JpegCall& c) {
    if (setjmp(c.err.jump) != 0) return c.err.status;
    return jpeg_decode_unguarded(c);
}

#endif  // FW_JPEG_HAVE_HEADER

}  // namespace fw::detail

namespace fw::detail {

constexpr int64_t kHugePage = int64_t{2} << 20;
// Frames from this size up are recycled (and 2 MiB aligned: whole pages, whatever their size).
constexpr int64_t kLargeFrame = 4 * kHugePage;

// Large frames given back, kept for the next frame that fits. A fresh 36 MB frame costs the kernel several
// milliseconds of page faults and zeroing on first touch (far more on a VM that backs guest memory lazily); a
// recycled one is already mapped. The cache is bounded (kMaxFrames frames, kMaxBytes bytes), so memory still
// follows the number of frames alive at once: a block is only created when no cached one fits. kMaxFrames covers
// what a decode-and-analyse pipeline has alive at its busiest (two decoding, two queued, one or two being read): a
// smaller cache drops a block in every lull and pays a fresh one in the next burst. One mutex, taken twice per frame.
class FrameCache {
public:
    static constexpr int kMaxFrames = 8;
    static constexpr size_t kMaxBytes = size_t{512} << 20;

    // The most recently kept block of at least `bytes` and less than twice that (the likeliest to be partly in
    // cache still), or null.
    void* take(size_t bytes) {
        std::lock_guard<std::mutex> lock(mutex_);
        int best = -1;
        for (int i = count_ - 1; i >= 0 && best < 0; --i) {
            const size_t cap = blocks_[i].capacity;
            if (cap >= bytes && cap / 2 < bytes) best = i;
        }
        return best < 0 ? nullptr : remove(best);
    }

    // Keeps the block unless that would exceed the bounds; the oldest blocks make room for it.
    bool keep(void* p, size_t capacity) {
        if (capacity > kMaxBytes) return false;
        void* evicted[kMaxFrames];
        int evicted_count = 0;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            while (count_ > 0 && (count_ == kMaxFrames || bytes_ + capacity > kMaxBytes)) {
                evicted[evicted_count++] = remove(0);
            }
            blocks_[count_++] = {p, capacity};
            bytes_ += capacity;
        }
        for (int i = 0; i < evicted_count; ++i) std::free(evicted[i]);  // outside the lock: munmap is slow
        return true;
    }

    void trim() {
        void* freed[kMaxFrames];
        int n;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            n = count_;
            for (int i = 0; i < n; ++i) freed[i] = blocks_[i].pointer;
            count_ = 0;
            bytes_ = 0;
        }
        for (int i = 0; i < n; ++i) std::free(freed[i]);
    }

    int64_t bytes() {
        std::lock_guard<std::mutex> lock(mutex_);
        return static_cast<int64_t>(bytes_);
    }

private:
    struct Block {
        void* pointer;
        size_t capacity;
    };

    // Takes block i out, keeping the others oldest first. Called with the mutex held.
    void* remove(int i) {
        void* p = blocks_[i].pointer;
        bytes_ -= blocks_[i].capacity;
        for (int j = i + 1; j < count_; ++j) blocks_[j - 1] = blocks_[j];
        --count_;
        return p;
    }

    std::mutex mutex_;
    Block blocks_[kMaxFrames] = {};
    int count_ = 0;
    size_t bytes_ = 0;
};

// Never destroyed: frames may be given back from any thread while the process exits.
inline FrameCache& frame_cache() {
    static FrameCache* cache = new FrameCache();
    return *cache;
}

}  // namespace fw::detail

extern "C" {

int fw_jpeg_available(void) {
#ifdef FW_JPEG_HAVE_HEADER
    return fw::detail::jpeg_api().ok ? 1 : 0;
#else
    return 0;
#endif
}

const char* fw_jpeg_backend(void) {
#ifdef FW_JPEG_HAVE_HEADER
    return fw::detail::jpeg_api().description;
#else
    return "unavailable: built without <jpeglib.h>";
#endif
}

int fw_jpeg_decode_bgr(const uint8_t* data, int64_t size, int32_t width, int32_t height, uint8_t* out,
                       int64_t stride, char* message, int32_t message_capacity, int32_t* warnings_out) {
    if (message != nullptr && message_capacity > 0) message[0] = '\0';
    if (warnings_out != nullptr) *warnings_out = 0;
#ifdef FW_JPEG_HAVE_HEADER
    using namespace fw::detail;
    const JpegApi& api = jpeg_api();
    if (!api.ok) {
        jpeg_copy_message(message, message_capacity, api.description);
        return FWJ_UNAVAILABLE;
    }
    if (data == nullptr || out == nullptr || size < 1 || width < 1 || height < 1 ||
        stride < static_cast<int64_t>(width) * 3) {
        jpeg_copy_message(message, message_capacity, "invalid arguments");
        return FWJ_EINVAL;
    }
    JpegCall call{};
    call.api = &api;
    call.data = data;
    call.size = size;
    call.width = width;
    call.height = height;
    call.out = out;
    call.stride = stride;
    jpeg_init_errors(api, call);
    const int status = jpeg_guarded_decode(call);
    if (call.created) api.destroy_decompress(&call.cinfo);
    if (status != FWJ_OK) {
        jpeg_copy_message(message, message_capacity, call.err.message[0] != '\0' ? call.err.message : "libjpeg failed");
    } else if (warnings_out != nullptr) {
        *warnings_out = call.err.warnings;
    }
    return status;
#else
    (void)data, (void)size, (void)width, (void)height, (void)out, (void)stride, (void)warnings_out;
    fw::detail::jpeg_copy_message(message, message_capacity, fw_jpeg_backend());
    return FWJ_UNAVAILABLE;
#endif
}

void* fw_jpeg_alloc_frame(int64_t bytes) {
    using fw::detail::kHugePage;
    if (bytes < 1 || bytes > INT64_MAX - kHugePage) return nullptr;  // also keeps the rounding below from overflowing
    if (bytes < fw::detail::kLargeFrame) return std::malloc(static_cast<size_t>(bytes));
    const size_t rounded = static_cast<size_t>((bytes + kHugePage - 1) / kHugePage * kHugePage);
    if (void* reused = fw::detail::frame_cache().take(rounded)) return reused;
    void* p = nullptr;
    if (posix_memalign(&p, static_cast<size_t>(kHugePage), rounded) != 0) return nullptr;
#if defined(MADV_NOHUGEPAGE) && defined(MADV_HUGEPAGE)
    // Ordinary pages unless asked, even where THP is "always". A huge page is read about a third faster when
    // streamed out of memory, but its first touch can cost twenty times as much: on a VM that hands freed memory
    // back to its host, a fresh 2 MiB block is one the host must fault in again, page by page. Here (make
    // bench-pages) first touching 288 MiB took 2.9-3.1 s on huge pages and 0.11-0.28 s on 4 KiB pages, and
    // `framewire score` of 24 photos of 12 MP, run a few seconds after the last, fell from 2.7 s to 1.2 s. A
    // long-lived process on a host where huge pages are cheap may ask for them (FRAMEWIRE_FRAME_PAGES=huge).
    const char* pages = std::getenv("FRAMEWIRE_FRAME_PAGES");  // read per fresh frame: they are few
    const bool huge = pages != nullptr && std::strcmp(pages, "huge") == 0;
    (void)madvise(p, rounded, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
#endif
    return p;
}

void fw_jpeg_free_frame(void* frame) {
    if (frame == nullptr) return;
    const size_t capacity = malloc_usable_size(frame);
    if (capacity >= static_cast<size_t>(fw::detail::kLargeFrame) && fw::detail::frame_cache().keep(frame, capacity)) return;
    std::free(frame);
}

int64_t fw_jpeg_frame_cache_bytes(void) { return fw::detail::frame_cache().bytes(); }

void fw_jpeg_frame_cache_trim(void) { fw::detail::frame_cache().trim(); }

}  // extern "C"
