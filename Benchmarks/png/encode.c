/*
 * encode.c: what PNG encoding costs per figure, libgd's encoder against the
 * charts' own (la_png_encode, Sources/CGD/shim.h), on a generated manual's
 * PNGs, and that both decode to the same pixels.
 *
 *   gcc -O2 -o /tmp/png-encode Benchmarks/png/encode.c -lgd -lz
 *   /tmp/png-encode output/html/figures/\*.png output/zh/html/figures/\*.png
 *
 * Each file is decoded with libgd into a truecolor image (the renderer's
 * state before encoding), then encoded as the renderer does: the exact
 * palette copy when it has at most 256 colours, then gdImagePngPtrEx at
 * level 6 (the encoder before session 19), la_png_encode at level 6 with
 * zlib (session 19) and with the row matcher for palette images (session
 * 24, rowdeflate.h). CPU time per step (CLOCK_PROCESS_CPUTIME_ID, one
 * pass), bytes, the largest growth of one file against libgd, and files
 * whose re-decoded pixels differ.
 */
#include "../../Sources/CGD/shim.h"
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int samePixels(gdImagePtr truecolor, const void *png, int size) {
  gdImagePtr back = gdImageCreateFromPngPtr(size, (void *)png);
  int same = back != NULL;
  for (int y = 0; same && y < gdImageSY(truecolor); y++)
    for (int x = 0; x < gdImageSX(truecolor); x++)
      if ((gdImageGetTrueColorPixel(back, x, y) & 0xFFFFFF) != (truecolor->tpixels[y][x] & 0xFFFFFF)) { same = 0; break; }
  if (back) gdImageDestroy(back);
  return same;
}

int main(int argc, char **argv) {
  double copy = 0, libgd = 0, ours = 0, rows = 0;
  long oldBytes = 0, newBytes = 0, rowBytes = 0, worst = -(1L << 40), worstRows = -(1L << 40);
  int different = 0, files = 0;
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    gdImagePtr src = f ? gdImageCreateFromPng(f) : NULL, tc, target, paletted;
    int status, oldSize = 0, newSize = 0, rowSize = 0;
    double t0, t1, t2, t3, t4;
    void *old;
    unsigned char *fresh, *matched;
    if (f) fclose(f);
    if (!src) { fprintf(stderr, "cannot read %s\n", argv[i]); return 2; }
    tc = gdImageCreateTrueColor(gdImageSX(src), gdImageSY(src));
    for (int y = 0; y < gdImageSY(src); y++)
      for (int x = 0; x < gdImageSX(src); x++) tc->tpixels[y][x] = gdImageGetTrueColorPixel(src, x, y) & 0xFFFFFF;
    t0 = now();
    paletted = la_exact_palette_copy(tc, &status);
    target = paletted ? paletted : tc;
    t1 = now();
    old = gdImagePngPtrEx(target, &oldSize, 6);
    t2 = now();
    fresh = la_png_encode(target, 6, 0, &newSize, &status);
    t3 = now();
    matched = la_png_encode(target, 6, 1, &rowSize, &status);
    t4 = now();
    copy += t1 - t0;
    libgd += t2 - t1;
    ours += t3 - t2;
    rows += t4 - t3;
    if (!fresh) { newSize = rowSize = oldSize; } /* <= 16 colours: libgd writes it */
    else if (!samePixels(tc, fresh, newSize) || !samePixels(tc, matched, rowSize)) { different++; printf("pixels differ: %s\n", argv[i]); }
    oldBytes += oldSize;
    newBytes += newSize;
    rowBytes += rowSize;
    if (newSize - oldSize > worst) worst = newSize - oldSize;
    if (rowSize - newSize > worstRows) worstRows = rowSize - newSize;
    files++;
    gdFree(old);
    free(fresh);
    free(matched);
    if (paletted) gdImageDestroy(paletted);
    gdImageDestroy(tc);
    gdImageDestroy(src);
  }
  printf("%d files, %d with other pixels\n", files, different);
  printf("CPU: exact palette copy %.0f ms, gdImagePngPtrEx %.0f ms (%.2f ms/file), la_png_encode %.0f ms (%.2f ms/file)\n",
         copy * 1e3, libgd * 1e3, libgd * 1e3 / files, ours * 1e3, ours * 1e3 / files);
  printf("row matcher (la_png_encode, rowMatch 1) %.0f ms (%.2f ms/file)\n", rows * 1e3, rows * 1e3 / files);
  printf("bytes %ld -> %ld (%+ld), largest growth of one file %+ld\n", oldBytes, newBytes, newBytes - oldBytes, worst);
  printf("row matcher: bytes %ld -> %ld against la_png_encode with zlib (%+ld, %+.2f %%), largest growth of one file %+ld\n",
         newBytes, rowBytes, rowBytes - newBytes, 100.0 * (rowBytes - newBytes) / newBytes, worstRows);
  return different ? 1 : 0;
}
