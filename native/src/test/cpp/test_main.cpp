#include <cstdio>

#include "check.h"

int main() {
    fwtest::Registry& r = fwtest::Registry::get();
    for (auto& t : r.tests) {
        r.current = t.first;
        const int before = r.failures;
        t.second();
        std::printf("%-48s %s\n", t.first.c_str(), r.failures == before ? "ok" : "FAILED");
    }
    std::printf("%zu tests, %d failed checks\n", r.tests.size(), r.failures);
    return r.failures == 0 ? 0 : 1;
}
