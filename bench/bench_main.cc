// One benchmark executable for every file in bench/.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
