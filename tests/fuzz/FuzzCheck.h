#pragma once

#include <cstdio>
#include <cstdlib>

// Aborts with a message when a parser's result breaks an expectation, so that
// libFuzzer saves the input as a crash.
inline void fuzzCheck(bool condition, const char* expectation)
{
    if (condition)
        return;

    std::fprintf(stderr, "fuzz check failed: %s\n", expectation);
    std::abort();
}
