/* The libm floor of the tuned kernels (issue 10, section 4): ns per point of
 * only the libm calls and divisions each kernel cannot avoid, over the same
 * 1e6-point grid of its plot range, min of 7 sweeps, CPU time of the thread.
 *
 *   cc -O2 -march=native -o /tmp/floor Benchmarks/kernels/floor.c -lm
 *   taskset -c 1 /tmp/floor
 *
 * The points are independent, as in catalog-bench, so this is the
 * throughput of the calls: the least any kernel built on them can cost,
 * before any of the arithmetic that makes its result accurate.
 */
#include <math.h>
#include <stdio.h>
#include <time.h>

#define N 1000000
static double xs[N];

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void grid(double lo, double hi) {
  for (int i = 0; i < N; i++) xs[i] = lo + (hi - lo) * i / (N - 1);
}

static volatile double sink;

#define BENCH(name, lo, hi, expr)                                  \
  {                                                                \
    grid(lo, hi);                                                  \
    double best = 1e30;                                            \
    for (int r = 0; r < 7; r++) {                                  \
      double acc = 0, t0 = now();                                  \
      for (int i = 0; i < N; i++) {                                \
        double x = xs[i];                                          \
        acc += (expr);                                             \
      }                                                            \
      double t = (now() - t0) / N;                                 \
      if (t < best) best = t;                                      \
      sink += acc;                                                 \
    }                                                              \
    printf("| %s | %.1f |\n", name, best);                         \
  }

int main(void) {
  printf("| floor (libm calls and divisions per point) | ns/point (min of 7) |\n| --- | --- |\n");
  BENCH("loop alone", -6, 6, x)
  BENCH("focal: exp + log + 1 division", -6, 6, exp(-fabs(x)) + log(1 + fabs(x)) + 1 / (2 + x))
  BENCH("kl-div: exp + log1p + 2 divisions", -6, 6, exp(x) + log1p(fabs(x)) + 1 / (8 + x) + 1 / (7 + x))
  BENCH("log-cosh: exp + log + 1 division", -3, 3, exp(-2 * fabs(x)) + log(1 + fabs(x)) + 1 / (4 + x))
  BENCH("msle: log + 2 divisions", -0.9, 6, log(2 + x) + 1 / (1 + x) + 1 / (1.5 + x))
  BENCH("cosine-embedding: sin + sin + cos", -3.141592653589793, 3.141592653589793, sin(0.5 * x) + sin(x) + cos(x))
  BENCH("mape: 2 divisions", -1, 3, x / 1.25 + 100 / (1.5 + x))
  return 0;
}
