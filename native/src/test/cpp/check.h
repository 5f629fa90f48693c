// A minimal test harness: CHECK records a failure with its location and keeps going; main() reports.
#ifndef FRAMEWIRE_TEST_CHECK_H
#define FRAMEWIRE_TEST_CHECK_H

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace fwtest {

struct Registry {
    std::vector<std::pair<std::string, std::function<void()>>> tests;
    int failures = 0;
    std::string current;
    static Registry& get() {
        static Registry r;
        return r;
    }
};

struct Register {
    Register(const char* name, std::function<void()> fn) { Registry::get().tests.emplace_back(name, std::move(fn)); }
};

inline bool report(bool ok, const char* file, int line, const std::string& what) {
    if (!ok) {
        Registry& r = Registry::get();
        if (++r.failures <= 50) std::fprintf(stderr, "FAIL %s (%s:%d): %s\n", r.current.c_str(), file, line, what.c_str());
    }
    return ok;
}

inline std::string fmt(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

}  // namespace fwtest

#define FW_CAT2(a, b) a##b
#define FW_CAT(a, b) FW_CAT2(a, b)
#define TEST(name)                                                                      \
    static void name();                                                                 \
    static const fwtest::Register FW_CAT(reg_, name)(#name, name);                      \
    static void name()
#define CHECK(cond) fwtest::report(static_cast<bool>(cond), __FILE__, __LINE__, #cond)
#define CHECK_MSG(cond, msg) fwtest::report(static_cast<bool>(cond), __FILE__, __LINE__, std::string(#cond) + " -- " + (msg))
#define CHECK_EQ(a, b) \
    fwtest::report((a) == (b), __FILE__, __LINE__, std::string(#a " == " #b " -- got ") + fwtest::fmt(static_cast<double>(a)) + " vs " + fwtest::fmt(static_cast<double>(b)))
#define CHECK_NEAR(a, b, tol)                                                                                        \
    fwtest::report(std::fabs(static_cast<double>(a) - static_cast<double>(b)) <= (tol), __FILE__, __LINE__,           \
                   std::string(#a " ~ " #b " -- got ") + fwtest::fmt(static_cast<double>(a)) + " vs " + fwtest::fmt(static_cast<double>(b)))

#endif
