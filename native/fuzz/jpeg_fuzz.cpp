// libFuzzer target for the JPEG fast path (make fuzz-jpeg): the input is a JPEG file. The frame is sized from the
// first start-of-frame marker in the bytes. libjpeg itself is not instrumented (it is the system library), so its
// writes into the frame are checked with canaries: every row's padding and 64 bytes past the last pixel must keep
// their fill byte whatever the status; our own code runs under ASan/UBSan. The decoder must end in one of its
// documented statuses with a one-line message. The seed corpus is the JPEG test fixtures of analyzers-jni.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "framewire_kernels_all.cpp"

namespace {

bool first_frame_size(const uint8_t* d, size_t n, int32_t& w, int32_t& h) {
    for (size_t i = 0; i + 9 < n; ++i) {
        const uint8_t m = d[i + 1];
        if (d[i] == 0xFF && m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            h = d[i + 5] << 8 | d[i + 6];
            w = d[i + 7] << 8 | d[i + 8];
            return true;
        }
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (!fw_jpeg_available()) std::abort();  // fuzzing a decoder that is not there finds nothing: say so loudly
    int32_t w = 1, h = 1;
    if (!first_frame_size(data, size, w, h) || w < 1 || h < 1 || static_cast<int64_t>(w) * h > (1 << 20)) {
        w = 1 + (size > 0 ? data[0] % 16 : 0);
        h = 1 + (size > 1 ? data[1] % 16 : 0);
    }
    const int64_t pad = size > 2 ? data[2] % 4 : 0;
    const int64_t stride = 3 * static_cast<int64_t>(w) + pad;
    const size_t frame_bytes = static_cast<size_t>((h - 1) * stride + 3 * static_cast<int64_t>(w));
    constexpr size_t kTail = 64;
    std::vector<uint8_t> frame(frame_bytes + kTail, 0x5A);
    std::vector<uint8_t> input(data, data + size);  // exactly sized: a read past the end is caught too
    char message[64];
    int32_t warnings = -1;
    const int status = fw_jpeg_decode_bgr(input.empty() ? nullptr : input.data(), static_cast<int64_t>(input.size()),
                                          w, h, frame.data(), stride, message, sizeof message, &warnings);
    if (status > FWJ_OK || status < FWJ_CORRUPT) std::abort();
    if (std::strlen(message) >= sizeof message || std::strchr(message, '\n') != nullptr) std::abort();
    for (int32_t r = 0; r + 1 < h; ++r) {
        for (int64_t i = 3 * static_cast<int64_t>(w); i < stride; ++i) {
            if (frame[static_cast<size_t>(r * stride + i)] != 0x5A) std::abort();
        }
    }
    for (size_t i = frame_bytes; i < frame.size(); ++i) {
        if (frame[i] != 0x5A) std::abort();
    }
    if (status == FWJ_OK) {
        if (message[0] != '\0' || warnings < 0) std::abort();
    } else if (message[0] == '\0') {
        std::abort();
    }
    return 0;
}
