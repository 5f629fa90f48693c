// Composition: Sobel edge magnitude, its exact 85th percentile, and where the strong edges lie.
//
// In I units, reflect boundary, with row r-1 = "up", r+1 = "dn":
//   Gr = (dn[c-1] + 2 dn[c] + dn[c+1]) - (up[c-1] + 2 up[c] + up[c+1])      derivative along rows
//   Gc = (up[c+1] + 2 cur[c+1] + dn[c+1]) - (up[c-1] + 2 cur[c-1] + dn[c-1])  derivative along columns
//   E2 = Gr^2 + Gc^2 (exact integer < 2^41),  E = sqrt((double)E2) / 1000.0  (Y units)
// Percentile (numpy's linear rule): pos = 0.85 * (double)(N-1), lo = floor(pos), frac = pos - lo,
//   hi = min(lo + 1, N - 1); E_lo, E_hi = E of the lo-th and hi-th smallest E2 (0-based);
//   t = E_lo + (E_hi - E_lo) * frac.   Strong pixel: E > t (strict, compared as doubles).
// Zones (integer division, half-open): mh = h/8, mw = w/8; thirds rows = union over ph in {h/3, 2h/3} of
//   [max(0, ph-mh), min(h, ph+mh)), thirds columns likewise with w; a pixel is in the power-point zones iff
//   its row and its column are both in those unions (the union of the four rectangles). Center zone:
//   rows [h/4, 3h/4) x columns [w/4, 3w/4). out = {t, strong, thirds/strong, center/strong}, or
//   {t, 0, 0, 0} without strong pixels.
//
// Selection without a sort, in two passes over the pixels:
//  1. histogram of a monotone key of E2: the top 20 bits of the IEEE double (double)E2 (exponent and 8
//     mantissa bits; E2 is exact in a double), which orders buckets by E2 and makes each bucket a range of
//     E2 about 0.4% wide;
//  2. recompute E2, count the pixels above the buckets holding ranks lo and hi (they are strong, checked
//     below), and collect only the pixels inside those buckets, packed as (E2 << 2 | zone bits). nth_element
//     on those few candidates gives the exact order statistics, and each candidate is tested against t.
// If rounding ever put t at or above the smallest E2 of the bucket after hi's, a third pass recounts with the
// exact integer threshold (smallest E2 whose E exceeds t).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "fw_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FW_X86 1
#endif

namespace fw {
namespace detail {
namespace composition {

// Top 20 bits of a double's representation for 1.0 is 0x3FF00; key index 0 is reserved for E2 = 0.
constexpr int64_t kKeyShift = 44;
constexpr int64_t kKeyBias = (int64_t{0x3FF} << 8) - 1;  // 261887

inline int64_t key_index(double e2) {
    uint64_t bits;
    std::memcpy(&bits, &e2, sizeof bits);
    const int64_t k = static_cast<int64_t>(bits >> kKeyShift) - kKeyBias;
    return k < 0 ? 0 : k;
}

// The smallest integer E2 whose key index is idx.
inline int64_t lowest_e2(int64_t idx) {
    if (idx == 0) return 0;
    const uint64_t bits = static_cast<uint64_t>(idx + kKeyBias) << kKeyShift;
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return static_cast<int64_t>(std::ceil(v));
}

inline double magnitude(int64_t e2) { return std::sqrt(static_cast<double>(e2)) / 1000.0; }

inline double sobel_e2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c) {
    const int32_t gr = (dn[c - 1] + 2 * dn[c] + dn[c + 1]) - (up[c - 1] + 2 * up[c] + up[c + 1]);
    const int32_t gc = (up[c + 1] + 2 * cur[c + 1] + dn[c + 1]) - (up[c - 1] + 2 * cur[c - 1] + dn[c - 1]);
    return static_cast<double>(gr) * gr + static_cast<double>(gc) * gc;  // exact: < 2^41
}

struct Interval {
    int64_t from, to;  // half-open
    bool contains(int64_t x) const { return x >= from && x < to; }
};

struct Zones {
    Interval thirds_rows[2], thirds_cols[2], center_rows, center_cols;
    static Zones of(int64_t w, int64_t h) {
        Zones z{};
        const int64_t mh = h / 8, mw = w / 8;
        const int64_t ph[2] = {h / 3, 2 * h / 3}, pw[2] = {w / 3, 2 * w / 3};
        for (int i = 0; i < 2; ++i) {
            z.thirds_rows[i] = {std::max<int64_t>(0, ph[i] - mh), std::min<int64_t>(h, ph[i] + mh)};
            z.thirds_cols[i] = {std::max<int64_t>(0, pw[i] - mw), std::min<int64_t>(w, pw[i] + mw)};
        }
        z.center_rows = {h / 4, 3 * h / 4};
        z.center_cols = {w / 4, 3 * w / 4};
        return z;
    }
    bool thirds_row(int64_t r) const { return thirds_rows[0].contains(r) || thirds_rows[1].contains(r); }
    bool thirds_col(int64_t c) const { return thirds_cols[0].contains(c) || thirds_cols[1].contains(c); }
};

// Columns cut at every zone edge, so each segment is wholly inside or outside each column set.
struct Segment {
    int32_t from, to;
    bool thirds, center;
};

std::vector<Segment> segments_of(const Zones& z, int32_t w) {
    std::vector<int64_t> cuts = {0, w};
    for (const Interval& i : {z.thirds_cols[0], z.thirds_cols[1], z.center_cols}) {
        cuts.push_back(i.from);
        cuts.push_back(i.to);
    }
    for (int64_t& c : cuts) c = std::min<int64_t>(std::max<int64_t>(c, 0), w);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<Segment> segs;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const int64_t a = cuts[i];
        segs.push_back({static_cast<int32_t>(a), static_cast<int32_t>(cuts[i + 1]), z.thirds_col(a),
                        z.center_cols.contains(a)});
    }
    return segs;
}

struct Counts {
    int64_t strong = 0, thirds = 0, center = 0;
    void add(int64_t n, uint64_t zone) {
        strong += n;
        if (zone & 1u) thirds += n;
        if (zone & 2u) center += n;
    }
};

// One pass over the frame: counts E2 >= strong_from per zone, collects candidate_from <= E2 < strong_from.
bool classify_pass(const Frame& f, const RowOps& ops, const Zones& z, const std::vector<Segment>& segs,
                   double strong_from, double candidate_from, uint64_t* cand, Counts& counts, uint64_t*& cand_end) {
    LumaRing ring(f, ops);
    if (!ring.init()) return false;
    for (int32_t r = 0; r < f.height; ++r) {
        ring.advance(r);
        const bool tr = z.thirds_row(r), cr = z.center_rows.contains(r);
        for (const Segment& s : segs) {
            const uint64_t zone = (tr && s.thirds ? 1u : 0u) | (cr && s.center ? 2u : 0u);
            const int64_t n = ops.sobel_classify(ring.up(), ring.cur(), ring.dn(), s.from, s.to, strong_from,
                                                 candidate_from, zone, cand);
            counts.add(n, zone);
        }
    }
    cand_end = cand;
    return true;
}

}  // namespace composition

void sobel_keys_row_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, int64_t* key_hist) {
    for (int32_t c = 0; c < w; ++c) key_hist[composition::key_index(composition::sobel_e2(up, cur, dn, c))] += 1;
}

int64_t sobel_classify_scalar(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c0, int32_t c1,
                              double strong_from, double candidate_from, uint64_t zone_bits, uint64_t*& cand) {
    int64_t strong = 0;
    for (int32_t c = c0; c < c1; ++c) {
        const double e2 = composition::sobel_e2(up, cur, dn, c);
        if (e2 >= strong_from) {
            ++strong;
        } else if (e2 >= candidate_from) {
            *cand++ = (static_cast<uint64_t>(e2) << 2) | zone_bits;
        }
    }
    return strong;
}

#ifdef FW_X86
void sobel_keys_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, int64_t* key_hist) {
    sobel_keys_row_scalar(up, cur, dn, w, key_hist);
}
int64_t sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c0, int32_t c1,
                            double strong_from, double candidate_from, uint64_t zone_bits, uint64_t*& cand) {
    return sobel_classify_scalar(up, cur, dn, c0, c1, strong_from, candidate_from, zone_bits, cand);
}
#else
void sobel_keys_row_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t w, int64_t* key_hist) {
    sobel_keys_row_scalar(up, cur, dn, w, key_hist);
}
int64_t sobel_classify_avx2(const int32_t* up, const int32_t* cur, const int32_t* dn, int32_t c0, int32_t c1,
                            double strong_from, double candidate_from, uint64_t zone_bits, uint64_t*& cand) {
    return sobel_classify_scalar(up, cur, dn, c0, c1, strong_from, candidate_from, zone_bits, cand);
}
#endif

int composition_finish(const Frame& f, const RowOps& ops, const int64_t* key_hist, double* out) {
    using namespace composition;
    const int64_t n = f.count;
    const double pos = 0.85 * static_cast<double>(n - 1);
    const int64_t lo = static_cast<int64_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    const int64_t hi = std::min(lo + 1, n - 1);

    // Buckets holding ranks lo and hi, and how many pixels lie below the first.
    int64_t below = 0, cum = 0, bucket_lo = -1, bucket_hi = -1;
    for (int64_t b = 0; b < kKeyBins; ++b) {
        const int64_t next = cum + key_hist[b];
        if (bucket_lo < 0 && next > lo) {
            bucket_lo = b;
            below = cum;
        }
        if (next > hi) {
            bucket_hi = b;
            break;
        }
        cum = next;
    }
    int64_t n_cand = 0;
    for (int64_t b = bucket_lo; b <= bucket_hi; ++b) n_cand += key_hist[b];
    const double candidate_from = static_cast<double>(lowest_e2(bucket_lo));
    const double strong_from = bucket_hi + 1 < kKeyBins ? static_cast<double>(lowest_e2(bucket_hi + 1)) : 0x1p60;

    const Zones zones = Zones::of(f.width, f.height);
    const std::vector<Segment> segs = segments_of(zones, f.width);
    std::unique_ptr<uint64_t[]> cand = try_alloc<uint64_t>(static_cast<size_t>(n_cand));
    if (cand == nullptr) return FW_ENOMEM;
    Counts counts;
    uint64_t* cand_end = nullptr;
    if (!classify_pass(f, ops, zones, segs, strong_from, candidate_from, cand.get(), counts, cand_end)) return FW_ENOMEM;

    uint64_t* first = cand.get();
    uint64_t* kth = first + (lo - below);
    std::nth_element(first, kth, cand_end);
    const int64_t e2_lo = static_cast<int64_t>(*kth >> 2);
    const int64_t e2_hi = hi > lo ? static_cast<int64_t>(*std::min_element(kth + 1, cand_end) >> 2) : e2_lo;
    const double e_lo = magnitude(e2_lo), e_hi = magnitude(e2_hi);
    const double t = e_lo + (e_hi - e_lo) * frac;

    if (counts.strong > 0 && !(magnitude(static_cast<int64_t>(strong_from)) > t)) {
        // Not seen in practice: recount everything against the exact integer threshold.
        int64_t e2min = static_cast<int64_t>(std::floor(t * 1000.0 * t * 1000.0));
        while (e2min > 0 && magnitude(e2min - 1) > t) --e2min;
        while (!(magnitude(e2min) > t)) ++e2min;
        counts = Counts{};
        uint64_t* none = nullptr;
        if (!classify_pass(f, ops, zones, segs, static_cast<double>(e2min), static_cast<double>(e2min), nullptr,
                           counts, none))
            return FW_ENOMEM;
    } else {
        for (const uint64_t* p = first; p != cand_end; ++p) {
            if (magnitude(static_cast<int64_t>(*p >> 2)) > t) counts.add(1, *p & 3u);
        }
    }
    out[0] = t;
    if (counts.strong == 0) {
        out[1] = out[2] = out[3] = 0.0;
    } else {
        const double s = static_cast<double>(counts.strong);
        out[1] = s;
        out[2] = static_cast<double>(counts.thirds) / s;
        out[3] = static_cast<double>(counts.center) / s;
    }
    return FW_OK;
}

}  // namespace detail
}  // namespace fw

extern "C" int fw_composition(const uint8_t* pixels, int32_t width, int32_t height, int64_t stride, int32_t order,
                              double* out) {
    using namespace fw::detail;
    if (out == nullptr) return FW_EINVAL_POINTER;
    Frame f{};
    const int status = validate(pixels, width, height, stride, order, f);
    if (status != FW_OK) return status;
    try {
        const RowOps& ops = active_ops();
        std::unique_ptr<int64_t[]> key_hist = try_alloc<int64_t>(kKeyBins);
        LumaRing ring(f, ops);
        if (key_hist == nullptr || !ring.init()) return FW_ENOMEM;
        std::fill(key_hist.get(), key_hist.get() + kKeyBins, 0);
        for (int32_t r = 0; r < f.height; ++r) {
            ring.advance(r);
            ops.sobel_keys(ring.up(), ring.cur(), ring.dn(), f.width, key_hist.get());
        }
        double result[4];
        const int cs = composition_finish(f, ops, key_hist.get(), result);
        if (cs == FW_OK) std::copy(result, result + 4, out);
        return cs;
    } catch (const std::bad_alloc&) {
        return FW_ENOMEM;
    }
}
