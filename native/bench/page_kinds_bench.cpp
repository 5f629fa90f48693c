// make bench-pages: what a 36 MB frame (4000x3000 BGR) costs in three kinds of memory: anonymous memory advised for
// huge pages, the same with 4 KB pages (where the thread engine's recycled frames live), and a shared mapping of a
// tmpfs file (where the process engine's arena slots live). First the first touch of eight fresh frames (one write
// per 4 KB page: what the kernel charges to fault them in and zero them; on a VM whose host takes freed memory back,
// far more for huge pages), then streaming reads: eight frames in rotation, so each read finds its frame out of the
// L2 caches, and one frame read again and again (cache-resident where it fits).
#include <fcntl.h>
#include <immintrin.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr size_t kFrame = size_t{4000} * 3000 * 3;
constexpr int kFrames = 8;
constexpr int kRounds = 6;

// The sum keeps the reads from being optimized away; AVX2 so that the loop is bound by memory, not arithmetic.
__attribute__((target("avx2"))) uint64_t stream(const uint8_t* p, size_t n) {
    __m256i acc = _mm256_setzero_si256();
    const __m256i zero = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
        acc = _mm256_add_epi64(acc, _mm256_sad_epu8(v, zero));
    }
    uint64_t lanes[4];
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(lanes), acc);
    uint64_t s = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (; i < n; ++i) s += p[i];
    return s;
}

double millis_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

uint64_t report(const char* kind, uint8_t* base) {
    const auto touch = std::chrono::steady_clock::now();
    for (size_t i = 0; i < kFrame * kFrames; i += 4096) base[i] = 1;
    const double first_touch = millis_since(touch);
    for (int f = 0; f < kFrames; ++f) std::memset(base + f * kFrame, f + 1, kFrame);
    uint64_t sum = 0;
    std::vector<double> rotating, again;
    for (int r = 0; r < kRounds; ++r)
        for (int f = 0; f < kFrames; ++f) {
            const auto t0 = std::chrono::steady_clock::now();
            sum += stream(base + f * kFrame, kFrame);
            rotating.push_back(millis_since(t0));
        }
    for (int r = 0; r < 2 * kFrames; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        sum += stream(base, kFrame);
        again.push_back(millis_since(t0));
    }
    std::printf("%-28s first touch of %d frames: %7.1f ms | frames in rotation: median %5.2f ms | one frame again: "
                "median %5.2f ms\n", kind, kFrames, first_touch, median(rotating), median(again));
    return sum;
}

uint8_t* anonymous(size_t bytes, int advice) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    madvise(p, bytes, advice);
    return static_cast<uint8_t*>(p);
}

}  // namespace

int main() {
    const size_t bytes = kFrame * kFrames;
    uint64_t sum = 0;
    if (uint8_t* huge = anonymous(bytes, MADV_HUGEPAGE)) sum += report("anonymous, huge pages", huge);
    if (uint8_t* small = anonymous(bytes, MADV_NOHUGEPAGE)) sum += report("anonymous, 4 KB pages", small);
    const std::string file = "/dev/shm/framewire-page-kinds-" + std::to_string(getpid());
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || ftruncate(fd, static_cast<off_t>(bytes)) != 0) {
        std::fprintf(stderr, "cannot make %s\n", file.c_str());
        return 1;
    }
    unlink(file.c_str());  // the mapping keeps it alive; nothing is left behind
    void* shared = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (shared == MAP_FAILED) {
        std::fprintf(stderr, "cannot map %s\n", file.c_str());
        return 1;
    }
    sum += report("tmpfs file, shared mapping", static_cast<uint8_t*>(shared));
    std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sum & 0xff));
    return 0;
}
