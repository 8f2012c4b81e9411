/*
 * floor.c: the bare-libgd floor for one LossAtlas chart.
 *
 * Draws what a typical chart needs and nothing more: an 800x500 truecolor
 * image, two anti-aliased 2001-point polylines, 20 FreeType labels, and the
 * PNG at the default zlib level (gdImagePngPtrEx level -1). Prints the mean
 * milliseconds per chart over N iterations, and the share spent in the PNG
 * encoder, so the Swift renderer can be judged against it.
 *
 * usage: ./floor [iterations=200] [font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf] [level=-1] [stroke=aa1]
 *
 * FLOOR_OUT=path.png keeps the last chart to look at.
 *
 * stroke selects how the two curves are drawn, to compare libgd's ways to
 * get lines wider than 1 px with anti-aliasing:
 *   aa1       1 px gdAntiAliased polylines (the floor; gd ignores thickness here)
 *   parallel  2 px: the anti-aliased polyline drawn twice, 1 px apart
 *   super2    draw everything at 2x (1600x1000, thickness 4, no anti-aliasing)
 *             and downsample with gdImageCopyResampled
 */
#include <string.h>
#include <gd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 200;
  char *font = argc > 2 ? argv[2] : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  int level = argc > 3 ? atoi(argv[3]) : -1;
  const char *stroke = argc > 4 ? argv[4] : "aa1";
  int parallel = strcmp(stroke, "parallel") == 0, super2 = strcmp(stroke, "super2") == 0;
  enum { W = 800, H = 500, N = 2001 };
  gdPoint a[N], b[N];
  for (int i = 0; i < N; i++) {
    double x = -6.0 + 12.0 * i / (N - 1);
    double s = 1.0 / (1.0 + exp(-x));
    a[i].x = b[i].x = 70 + (int)lround((W - 100) * (double)i / (N - 1));
    a[i].y = 440 - (int)lround(380 * s);
    b[i].y = 440 - (int)lround(380 * 4 * s * (1 - s));
  }
  gdFontCacheSetup();
  double total = 0, png = 0;
  clock_t cpu0 = clock();
  size_t bytes = 0;
  for (int it = 0; it < n; it++) {
    double t0 = now_ms();
    int k = super2 ? 2 : 1;
    gdImagePtr im = gdImageCreateTrueColor(W * k, H * k);
    if (!im) return 1;
    int white = gdImageColorAllocate(im, 255, 255, 255);
    int black = gdImageColorAllocate(im, 0, 0, 0);
    int blue = gdImageColorAllocate(im, 0, 114, 178);
    int orange = gdImageColorAllocate(im, 230, 159, 0);
    gdImageFilledRectangle(im, 0, 0, W * k - 1, H * k - 1, white);
    gdImageRectangle(im, 70 * k, 60 * k, (W - 30) * k, 440 * k, black);
    if (super2) {
      static gdPoint a2[N], b2[N];
      for (int i = 0; i < N; i++) {
        a2[i].x = a[i].x * 2; a2[i].y = a[i].y * 2; b2[i].x = b[i].x * 2; b2[i].y = b[i].y * 2;
      }
      gdImageSetThickness(im, 4);
      gdImageOpenPolygon(im, a2, N, blue);
      gdImageOpenPolygon(im, b2, N, orange);
      gdImageSetThickness(im, 1);
      gdImagePtr small = gdImageCreateTrueColor(W, H);
      if (!small) return 1;
      gdImageCopyResampled(small, im, 0, 0, 0, 0, W, H, W * 2, H * 2);
      gdImageDestroy(im);
      im = small;
    } else {
      gdImageSetAntiAliased(im, blue);
      gdImageOpenPolygon(im, a, N, gdAntiAliased);
      gdImageSetAntiAliased(im, orange);
      gdImageOpenPolygon(im, b, N, gdAntiAliased);
      if (parallel) {
        for (int i = 0; i < N; i++) { a[i].y += 1; b[i].y += 1; }
        gdImageSetAntiAliased(im, blue);
        gdImageOpenPolygon(im, a, N, gdAntiAliased);
        gdImageSetAntiAliased(im, orange);
        gdImageOpenPolygon(im, b, N, gdAntiAliased);
        for (int i = 0; i < N; i++) { a[i].y -= 1; b[i].y -= 1; }
      }
    }
    for (int k = 0; k < 20; k++) {
      char label[32];
      snprintf(label, sizeof label, "%.1f", -1.0 + 0.1 * k);
      int brect[8];
      char *err = gdImageStringFT(im, brect, black, font, 11, 0, 60 + 35 * k, 470, label);
      if (err) { fprintf(stderr, "font: %s\n", err); return 1; }
    }
    double t1 = now_ms();
    int size = 0;
    void *ptr = gdImagePngPtrEx(im, &size, level);
    if (!ptr) return 1;
    bytes = (size_t)size;
    if (it == n - 1 && getenv("FLOOR_OUT")) { /* keep the last PNG to look at */
      FILE *out = fopen(getenv("FLOOR_OUT"), "wb");
      if (out) { fwrite(ptr, 1, (size_t)size, out); fclose(out); }
    }
    gdFree(ptr);
    gdImageDestroy(im);
    double t2 = now_ms();
    total += t2 - t0;
    png += t2 - t1;
  }
  double cpu = (double)(clock() - cpu0) * 1e3 / CLOCKS_PER_SEC / n;
  printf("gd-floor: %.2f ms per chart (%.2f ms CPU; PNG encode %.2f ms), %zu bytes, level %d, stroke %s, %d iterations\n",
         total / n, cpu, png / n, bytes, level, stroke, n);
  return 0;
}
