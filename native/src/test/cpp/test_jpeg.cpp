// JPEG fast path tests: a real photo and a gray one decode (row padding untouched, any stride), and every bad input
// ends in its status without crashing or writing outside the frame (the ASan variant runs the same). Bit-exactness
// against OpenCV is the Java side's test (analyzers-jni JpegFastPathParityTest); here the photos come from
// analyzers-jni's test resources, relative to native/ where make runs the tests.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "framewire_jpeg.h"

namespace {

const char* const kPhotos = "../analyzers-jni/src/test/resources/decode/";

std::vector<uint8_t> read_photo(const char* name) {
    const std::string path = std::string(kPhotos) + name;
    std::vector<uint8_t> bytes;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!CHECK_MSG(f != nullptr, "cannot open " + path)) return bytes;
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
    return bytes;
}

// Width and height from the first SOF0/SOF2 of a JPEG (enough for the fixtures).
bool jpeg_size(const std::vector<uint8_t>& b, int32_t& w, int32_t& h) {
    for (size_t i = 2; i + 9 < b.size(); ++i) {
        if (b[i] == 0xFF && (b[i + 1] == 0xC0 || b[i + 1] == 0xC1 || b[i + 1] == 0xC2)) {
            h = b[i + 5] << 8 | b[i + 6];
            w = b[i + 7] << 8 | b[i + 8];
            return true;
        }
    }
    return false;
}

struct Decoded {
    int status = 0;
    int32_t warnings = -1;
    std::string message;
    std::vector<uint8_t> frame;  // exactly (h - 1) * stride + 3 * w bytes: ASan flags any write past the last pixel
};

constexpr uint8_t kPad = 0xA5;

Decoded decode(const std::vector<uint8_t>& bytes, int32_t w, int32_t h, int64_t stride, int64_t size = -1) {
    Decoded d;
    d.frame.assign(static_cast<size_t>((h - 1) * stride + 3 * static_cast<int64_t>(w)), kPad);
    char message[128];
    std::memset(message, 'x', sizeof message);
    const int64_t n = size >= 0 ? size : static_cast<int64_t>(bytes.size());
    d.status = fw_jpeg_decode_bgr(n == 0 ? nullptr : bytes.data(), n, w, h, d.frame.data(), stride, message,
                                  static_cast<int32_t>(sizeof message), &d.warnings);
    d.message = message;
    CHECK_MSG(d.message.size() < sizeof message, "message is NUL-terminated within its capacity");
    CHECK_MSG(d.message.find('\n') == std::string::npos, "message is one line");
    CHECK_MSG((d.status == FWJ_OK) == d.message.empty(), "a message exactly when the status is not OK: " + d.message);
    return d;
}

bool available() {
    if (fw_jpeg_available()) return true;
    std::printf("  (JPEG fast path unavailable: %s; decode tests only check the status)\n", fw_jpeg_backend());
    return false;
}

}  // namespace

TEST(jpeg_backend_describes_itself) {
    const std::string backend = fw_jpeg_backend();
    CHECK_MSG(!backend.empty(), backend);
    CHECK_MSG((fw_jpeg_available() == 1) == (backend.rfind("unavailable", 0) != 0), backend);
    CHECK_EQ(fw_jpeg_available(), fw_jpeg_available());  // loading is remembered
}

TEST(jpeg_colour_photo_decodes_with_any_stride) {
    const std::vector<uint8_t> jpeg = read_photo("chelsea.jpg");
    int32_t w = 0, h = 0;
    if (!CHECK(jpeg_size(jpeg, w, h))) return;
    CHECK_EQ(w, 451);
    CHECK_EQ(h, 300);
    const Decoded tight = decode(jpeg, w, h, 3 * static_cast<int64_t>(w));
    if (!available()) {
        CHECK_EQ(tight.status, FWJ_UNAVAILABLE);
        return;
    }
    CHECK_EQ(tight.status, FWJ_OK);
    CHECK_EQ(tight.warnings, 0);
    const int64_t stride = 3 * static_cast<int64_t>(w) + 13;
    const Decoded padded = decode(jpeg, w, h, stride);
    CHECK_EQ(padded.status, FWJ_OK);
    bool same = true, pad_untouched = true, varied = false;
    for (int32_t r = 0; r < h; ++r) {
        const uint8_t* a = tight.frame.data() + static_cast<int64_t>(r) * 3 * w;
        const uint8_t* b = padded.frame.data() + r * stride;
        same = same && std::memcmp(a, b, static_cast<size_t>(3 * w)) == 0;
        for (int64_t i = 3 * static_cast<int64_t>(w); r + 1 < h && i < stride; ++i) pad_untouched = pad_untouched && b[i] == kPad;
        for (int32_t i = 3; i < 3 * w; ++i) varied = varied || a[i] != a[0];
    }
    CHECK(same);
    CHECK(pad_untouched);
    CHECK(varied);
    // a colour photo of a cat: the three channels differ somewhere
    bool colour = false;
    for (size_t i = 0; i + 2 < tight.frame.size() && !colour; i += 3) colour = tight.frame[i] != tight.frame[i + 2];
    CHECK(colour);
}

TEST(jpeg_gray_photo_gives_three_equal_channels) {
    const std::vector<uint8_t> jpeg = read_photo("moon_gray.jpg");
    int32_t w = 0, h = 0;
    if (!CHECK(jpeg_size(jpeg, w, h))) return;
    const Decoded d = decode(jpeg, w, h, 3 * static_cast<int64_t>(w));
    if (!available()) return;
    CHECK_EQ(d.status, FWJ_OK);
    bool equal = true, varied = false;
    for (size_t i = 0; i + 2 < d.frame.size(); i += 3) {
        equal = equal && d.frame[i] == d.frame[i + 1] && d.frame[i] == d.frame[i + 2];
        varied = varied || d.frame[i] != d.frame[0];
    }
    CHECK(equal);
    CHECK(varied);
}

TEST(jpeg_truncated_files_are_truncated) {
    if (!available()) return;
    const std::vector<uint8_t> jpeg = read_photo("chelsea.jpg");
    for (double keep : {0.05, 0.3, 0.5, 0.9, 0.999}) {
        std::vector<uint8_t> cut(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(static_cast<double>(jpeg.size()) * keep));
        const Decoded d = decode(cut, 451, 300, 451 * 3);
        CHECK_MSG(d.status == FWJ_TRUNCATED, "keep " + fwtest::fmt(keep) + ": status " + std::to_string(d.status) + " " + d.message);
    }
    // cut in the middle of the scan but closed with an end-of-image marker: libjpeg hits EOI where data should be
    std::vector<uint8_t> closed(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(jpeg.size() / 2));
    closed.push_back(0xFF);
    closed.push_back(0xD9);
    const Decoded d = decode(closed, 451, 300, 451 * 3);
    CHECK_MSG(d.status == FWJ_TRUNCATED, std::to_string(d.status) + " " + d.message);
}

TEST(jpeg_bad_input_fails_cleanly) {
    if (!available()) return;
    const std::vector<uint8_t> jpeg = read_photo("chelsea.jpg");
    std::vector<uint8_t> garbage(4096);
    uint32_t x = 12345;
    for (auto& b : garbage) b = static_cast<uint8_t>((x = x * 1103515245u + 12345u) >> 24);
    const Decoded g = decode(garbage, 451, 300, 451 * 3);
    CHECK_MSG(g.status == FWJ_CORRUPT, std::to_string(g.status) + " " + g.message);
    CHECK_MSG(g.message.find("JPEG") != std::string::npos, g.message);  // libjpeg's "Not a JPEG file: starts with ..."

    CHECK_EQ(decode(jpeg, 451, 300, 451 * 3, 0).status, FWJ_EINVAL);       // zero length
    CHECK_EQ(decode(jpeg, 451, 300, 451 * 3 - 1).status, FWJ_EINVAL);     // stride shorter than a row
    CHECK_EQ(decode(jpeg, 0, 300, 451 * 3).status, FWJ_EINVAL);
    CHECK_EQ(fw_jpeg_decode_bgr(jpeg.data(), static_cast<int64_t>(jpeg.size()), 451, 300, nullptr, 451 * 3, nullptr, 0, nullptr),
             FWJ_EINVAL);

    const Decoded wrong = decode(jpeg, 450, 300, 451 * 3);
    CHECK_EQ(wrong.status, FWJ_SIZE_MISMATCH);
    CHECK_MSG(wrong.message == "451x300", wrong.message);
    for (uint8_t b : wrong.frame) {
        if (!CHECK_MSG(b == kPad, "nothing written on a size mismatch")) break;
    }

    // only SOI and a few bytes: libjpeg runs out of data in the header
    std::vector<uint8_t> head(jpeg.begin(), jpeg.begin() + 40);
    const Decoded h = decode(head, 451, 300, 451 * 3);
    CHECK_MSG(h.status == FWJ_TRUNCATED || h.status == FWJ_CORRUPT, std::to_string(h.status) + " " + h.message);

    // scrambled entropy-coded data: libjpeg either recovers with warnings (then the image is returned and the
    // warnings counted, as OpenCV returns it) or gives up; never a crash
    std::vector<uint8_t> scrambled = jpeg;
    for (size_t i = jpeg.size() / 3; i < jpeg.size() / 3 + 200; ++i) scrambled[i] = static_cast<uint8_t>(scrambled[i] * 7 + 1);
    const Decoded s = decode(scrambled, 451, 300, 451 * 3);
    CHECK_MSG(s.status == FWJ_OK || s.status == FWJ_CORRUPT || s.status == FWJ_TRUNCATED, std::to_string(s.status));
    if (s.status == FWJ_OK) CHECK(s.warnings > 0);

    // a null message buffer and a one-byte one are fine
    uint8_t out[48];
    CHECK_EQ(fw_jpeg_decode_bgr(garbage.data(), 10, 4, 4, out, 12, nullptr, 0, nullptr), FWJ_CORRUPT);
    char one[1] = {'x'};
    CHECK_EQ(fw_jpeg_decode_bgr(garbage.data(), 10, 4, 4, out, 12, one, 1, nullptr), FWJ_CORRUPT);
    CHECK_EQ(one[0], '\0');
}

TEST(jpeg_frame_memory_is_writable_and_large_frames_are_2_mib_aligned) {
    CHECK(fw_jpeg_alloc_frame(0) == nullptr);
    CHECK(fw_jpeg_alloc_frame(-5) == nullptr);
    CHECK(fw_jpeg_alloc_frame(INT64_MAX) == nullptr);
    for (int64_t bytes : {int64_t{1}, int64_t{921600}, int64_t{8} << 20, int64_t{36000000} + 256}) {
        uint8_t* p = static_cast<uint8_t*>(fw_jpeg_alloc_frame(bytes));
        if (!CHECK_MSG(p != nullptr, std::to_string(bytes))) continue;
        std::memset(p, 0x7E, static_cast<size_t>(bytes));  // ASan: every byte is ours
        CHECK(p[bytes - 1] == 0x7E);
        if (bytes >= (int64_t{8} << 20)) CHECK_MSG(reinterpret_cast<uintptr_t>(p) % (uintptr_t{2} << 20) == 0, std::to_string(bytes));
        fw_jpeg_free_frame(p);
    }
    fw_jpeg_free_frame(nullptr);
}

// Bytes of [begin, begin + length) that /proc/self/smaps reports on transparent huge pages (0 without smaps).
static int64_t huge_page_bytes(const void* begin, size_t length) {
    std::FILE* smaps = std::fopen("/proc/self/smaps", "r");
    if (smaps == nullptr) return 0;
    const uintptr_t lo = reinterpret_cast<uintptr_t>(begin), hi = lo + length;
    char line[512];
    bool inside = false;
    int64_t kib = 0;
    while (std::fgets(line, sizeof line, smaps) != nullptr) {
        unsigned long from = 0, to = 0;
        long long value = 0;
        if (std::sscanf(line, "%lx-%lx ", &from, &to) == 2) {  // a mapping's first line; field lines never parse
            inside = from < hi && to > lo;
        } else if (inside && std::sscanf(line, "AnonHugePages: %lld kB", &value) == 1) {
            kib += value;
        }
    }
    std::fclose(smaps);
    return kib * 1024;
}

// Whether this kernel could give huge pages at all ("never" in the THP setting, or no THP).
static bool transparent_huge_pages_possible() {
    std::FILE* f = std::fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (f == nullptr) return false;
    char setting[128] = {};
    const bool read = std::fgets(setting, sizeof setting, f) != nullptr;
    std::fclose(f);
    return read && std::strstr(setting, "[never]") == nullptr;
}

TEST(jpeg_fresh_frames_are_on_ordinary_pages_unless_huge_pages_are_asked_for) {
    fw_jpeg_frame_cache_trim();
    const int64_t frame = int64_t{36000000};
    unsetenv("FRAMEWIRE_FRAME_PAGES");
    uint8_t* plain = static_cast<uint8_t*>(fw_jpeg_alloc_frame(frame));
    if (!CHECK(plain != nullptr)) return;
    std::memset(plain, 1, static_cast<size_t>(frame));
    CHECK_EQ(huge_page_bytes(plain, static_cast<size_t>(frame)), int64_t{0});

    setenv("FRAMEWIRE_FRAME_PAGES", "huge", 1);
    uint8_t* huge = static_cast<uint8_t*>(fw_jpeg_alloc_frame(frame));  // fresh: `plain` is still ours
    unsetenv("FRAMEWIRE_FRAME_PAGES");
    if (!CHECK(huge != nullptr)) return;
    std::memset(huge, 2, static_cast<size_t>(frame));
    if (transparent_huge_pages_possible()) {
        CHECK(huge_page_bytes(huge, static_cast<size_t>(frame)) > 0);
    }
    fw_jpeg_free_frame(plain);
    fw_jpeg_free_frame(huge);
    fw_jpeg_frame_cache_trim();
}

TEST(jpeg_frame_memory_given_back_is_handed_out_again_within_bounds) {
    fw_jpeg_frame_cache_trim();
    CHECK_EQ(fw_jpeg_frame_cache_bytes(), int64_t{0});
    const int64_t frame = int64_t{36000000};  // a 12-megapixel BGR frame

    // a freed large frame comes back for the next frame of the same size, already written once
    uint8_t* first = static_cast<uint8_t*>(fw_jpeg_alloc_frame(frame));
    if (!CHECK(first != nullptr)) return;
    std::memset(first, 0x11, static_cast<size_t>(frame));
    fw_jpeg_free_frame(first);
    CHECK(fw_jpeg_frame_cache_bytes() >= frame);
    uint8_t* again = static_cast<uint8_t*>(fw_jpeg_alloc_frame(frame));
    CHECK(again == first);
    CHECK_EQ(fw_jpeg_frame_cache_bytes(), int64_t{0});
    std::memset(again, 0x22, static_cast<size_t>(frame));  // ASan: the whole frame is still ours

    // a much smaller frame does not take a kept block twice its size or more
    fw_jpeg_free_frame(again);
    uint8_t* small = static_cast<uint8_t*>(fw_jpeg_alloc_frame(frame / 3));
    CHECK(small != nullptr && small != again);
    std::memset(small, 0x33, static_cast<size_t>(frame / 3));
    fw_jpeg_free_frame(small);

    // frames under 8 MiB are never kept
    fw_jpeg_frame_cache_trim();
    void* vga = fw_jpeg_alloc_frame(921600);
    fw_jpeg_free_frame(vga);
    CHECK_EQ(fw_jpeg_frame_cache_bytes(), int64_t{0});

    // at most eight frames and 512 MiB are kept, however many are freed
    std::vector<void*> many;
    for (int i = 0; i < 10; ++i) many.push_back(fw_jpeg_alloc_frame(frame));
    for (void* p : many) {
        CHECK(p != nullptr);
        fw_jpeg_free_frame(p);
    }
    const int64_t kept = fw_jpeg_frame_cache_bytes();
    CHECK(kept >= 8 * frame && kept < 9 * frame);
    void* huge = fw_jpeg_alloc_frame(int64_t{600} << 20);
    fw_jpeg_free_frame(huge);  // over 512 MiB: freed, and the kept ones stay
    CHECK_EQ(fw_jpeg_frame_cache_bytes(), kept);
    void* big = fw_jpeg_alloc_frame(int64_t{400} << 20);
    fw_jpeg_free_frame(big);  // kept, the oldest making room for it
    CHECK(fw_jpeg_frame_cache_bytes() >= (int64_t{400} << 20));
    CHECK(fw_jpeg_frame_cache_bytes() <= (int64_t{512} << 20));

    fw_jpeg_frame_cache_trim();
    CHECK_EQ(fw_jpeg_frame_cache_bytes(), int64_t{0});
}
