// libFuzzer target (make fuzz): random geometry, pixel order, stride and bytes under ASan/UBSan.
// Input layout: [w-1][h-1][order][pad][flags] then pixel bytes (cycled to fill the frame).
//   flags bit 0-1: selection strategy, bit 2: also try a too-short stride (must be refused).
// Every call must return FW_OK or the documented error without touching memory outside the frame
// (the buffer is exactly (h-1)*stride + w*channels bytes), and the scalar and AVX2 paths, the separate
// kernels and fw_analyze_all must agree bit for bit.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "framewire_kernels_all.cpp"

namespace {

struct Out {
    double all[8];
    int64_t hist[256];
    double sharp, expo[3], comp[4];
    int64_t hist2[256];
};

void run(const uint8_t* px, int32_t w, int32_t h, int64_t stride, int32_t order, Out& o) {
    const int s1 = fw_analyze_all(px, w, h, stride, order, o.all, o.hist);
    const int s2 = fw_sharpness(px, w, h, stride, order, &o.sharp);
    const int s3 = fw_exposure(px, w, h, stride, order, o.expo, o.hist2);
    const int s4 = fw_composition(px, w, h, stride, order, o.comp);
    if (s1 != s2 || s1 != s3 || s1 != s4) std::abort();
    if (s1 != FW_OK) return;
    if (std::memcmp(&o.sharp, &o.all[0], sizeof(double)) != 0 || std::memcmp(o.expo, &o.all[1], 3 * sizeof(double)) != 0 ||
        std::memcmp(o.comp, &o.all[4], 4 * sizeof(double)) != 0 || std::memcmp(o.hist, o.hist2, sizeof o.hist) != 0)
        std::abort();
    int64_t total = 0;
    for (int64_t v : o.hist) total += v;
    if (total != static_cast<int64_t>(w) * h) std::abort();
    if (o.comp[1] < 0 || o.comp[2] < 0 || o.comp[2] > 1 || o.comp[3] < 0 || o.comp[3] > 1) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 6) return 0;
    const int32_t w = 1 + data[0] % 80, h = 1 + data[1] % 80;
    const int32_t order = data[2] % 4;  // 3 is invalid
    const int32_t channels = order == FW_GRAY ? 1 : 3;
    const int64_t stride = static_cast<int64_t>(w) * channels + data[3] % 8;
    const uint8_t flags = data[4];
    const uint8_t* src = data + 5;
    const size_t n_src = size - 5;
    std::vector<uint8_t> frame(static_cast<size_t>((h - 1) * stride + static_cast<int64_t>(w) * channels));
    for (size_t i = 0; i < frame.size(); ++i) frame[i] = src[i % n_src];

    fw::detail::set_select_strategy(static_cast<fw::detail::SelectStrategy>(flags & 3));
    Out vec{}, scalar{};
    fw_force_scalar(0);
    run(frame.data(), w, h, stride, order, vec);
    fw_force_scalar(1);
    run(frame.data(), w, h, stride, order, scalar);
    fw_force_scalar(0);
    if (std::memcmp(vec.all, scalar.all, sizeof vec.all) != 0 || std::memcmp(vec.hist, scalar.hist, sizeof vec.hist) != 0)
        std::abort();
    if (flags & 4) {
        double out[8];
        if (fw_analyze_all(frame.data(), w, h, static_cast<int64_t>(w) * channels - 1, order, out, nullptr) >= 0) std::abort();
    }
    fw::detail::set_select_strategy(fw::detail::SelectStrategy::Auto);
    return 0;
}
