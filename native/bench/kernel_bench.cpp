// make bench: milliseconds per kernel call on a 4000x3000 BGR frame (and 640x480), median of many runs,
// next to a one-pass read of the same bytes (the memory-bandwidth floor). Single-threaded.
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "framewire_kernels.h"

namespace {

struct Image {
    int32_t w, h;
    int64_t stride;
    std::vector<uint8_t> bytes;
};

Image make_image(int32_t w, int32_t h, bool photo) {
    Image im{w, h, 3 * static_cast<int64_t>(w), {}};
    im.bytes.resize(static_cast<size_t>(im.stride) * h);
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> noise(-6, 6), byte(0, 255);
    for (int32_t r = 0; r < h; ++r)
        for (int32_t c = 0; c < w; ++c)
            for (int k = 0; k < 3; ++k) {
                int v;
                if (photo) {
                    // smooth sky-like gradient, a few soft shapes and sensor-like noise
                    const double x = static_cast<double>(c) / w, y = static_cast<double>(r) / h;
                    double s = 90 + 100 * y + 40 * std::sin(9 * x + 3 * k) * std::cos(7 * y);
                    if ((x - 0.6) * (x - 0.6) + (y - 0.4) * (y - 0.4) < 0.02) s = 230 - 30 * k;
                    v = static_cast<int>(s) + noise(rng);
                } else {
                    v = byte(rng);
                }
                im.bytes[static_cast<size_t>(r * im.stride + 3 * c + k)] = static_cast<uint8_t>(std::min(255, std::max(0, v)));
            }
    return im;
}

// One read of every byte, vectorized (a sum of absolute values), as the memory-bandwidth floor.
__attribute__((target("avx2"))) uint64_t read_pass(const uint8_t* p, size_t n) {
    __m256i acc = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 128 <= n; i += 128) {
        const __m256i* q = reinterpret_cast<const __m256i*>(p + i);
        const __m256i a = _mm256_add_epi64(_mm256_sad_epu8(_mm256_loadu_si256(q), _mm256_setzero_si256()),
                                           _mm256_sad_epu8(_mm256_loadu_si256(q + 1), _mm256_setzero_si256()));
        const __m256i b = _mm256_add_epi64(_mm256_sad_epu8(_mm256_loadu_si256(q + 2), _mm256_setzero_si256()),
                                           _mm256_sad_epu8(_mm256_loadu_si256(q + 3), _mm256_setzero_si256()));
        acc = _mm256_add_epi64(acc, _mm256_add_epi64(a, b));
    }
    alignas(32) uint64_t l[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(l), acc);
    uint64_t s = l[0] + l[1] + l[2] + l[3];
    for (; i < n; ++i) s += p[i];
    return s;
}

// The machine is shared: besides wall time, the thread's CPU time (immune to being descheduled, not to
// other tenants' cache and memory traffic) is measured; both are reported as medians.
bool g_cpu_time = false;

double now_ms() {
    if (!g_cpu_time) return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median_ms(int runs, const std::function<void()>& fn) {
    fn();  // warm-up: page in, caches, lazy CPU detection
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const double a = now_ms();
        fn();
        t.push_back(now_ms() - a);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

volatile double g_sink;

void bench(const char* label, const Image& im, int runs) {
    const uint8_t* p = im.bytes.data();
    double out[8];
    int64_t hist[256];
    auto check = [](int s) {
        if (s != FW_OK) {
            std::fprintf(stderr, "kernel failed: %d\n", s);
            std::exit(1);
        }
    };
    const double base = median_ms(runs, [&] { g_sink = static_cast<double>(read_pass(p, im.bytes.size())); });
    std::printf("%s %dx%d BGR (%.1f MB), median of %d runs, %s ms\n", label, im.w, im.h, static_cast<double>(im.bytes.size()) / 1e6, runs,
                g_cpu_time ? "thread CPU" : "wall");
    std::printf("  %-22s %8.2f\n", "one-pass read", base);
    for (int scalar : {0, 1}) {
        fw_force_scalar(scalar);
        const std::string isa = fw_active_isa();
        const double s = median_ms(runs, [&] { check(fw_sharpness(p, im.w, im.h, im.stride, FW_BGR, out)); });
        const double e = median_ms(runs, [&] { check(fw_exposure(p, im.w, im.h, im.stride, FW_BGR, out, nullptr)); });
        const double eh = median_ms(runs, [&] { check(fw_exposure(p, im.w, im.h, im.stride, FW_BGR, out, hist)); });
        const double c = median_ms(runs, [&] { check(fw_composition(p, im.w, im.h, im.stride, FW_BGR, out)); });
        const double a = median_ms(runs, [&] { check(fw_analyze_all(p, im.w, im.h, im.stride, FW_BGR, out, nullptr)); });
        const double ah = median_ms(runs, [&] { check(fw_analyze_all(p, im.w, im.h, im.stride, FW_BGR, out, hist)); });
        g_sink = out[0];
        // exposure and analyze_all without the histogram (the analyzers' default), then with it
        std::printf("  [%s] sharpness %7.2f  exposure %7.2f  composition %7.2f  sum %7.2f  analyze_all %7.2f (%.1fx read)"
                    "  | with histogram: exposure %7.2f  analyze_all %7.2f\n",
                    isa.c_str(), s, e, c, s + e + c, a, a / base, eh, ah);
    }
    fw_force_scalar(0);
}

}  // namespace

//   usage: kernel_bench [runs] [cpu]   ("cpu": thread CPU time instead of wall time)
int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::atoi(argv[1]) : 15;
    g_cpu_time = argc > 2 && std::string(argv[2]) == "cpu";
    for (bool photo : {true, false}) {
        const Image big = make_image(4000, 3000, photo);
        bench(photo ? "photo-like" : "random", big, runs);
    }
    const Image small = make_image(640, 480, true);
    bench("photo-like", small, runs * 5);
    return 0;
}
