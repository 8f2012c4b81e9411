#ifndef LOSSATLAS_CGD_SHIM_H
#define LOSSATLAS_CGD_SHIM_H
#include <gd.h>
#include <gdfontl.h>
#include <string.h>

/*
 * la_exact_palette_copy: a palette copy of a truecolor image with exactly the
 * same pixels, when the image has at most 256 distinct colours.
 *
 * gdImageTrueColorToPalette is a quantiser: even with few colours it may pick
 * nearby ones. This helper only ever maps a colour to itself. Palette entries
 * are allocated in order of first appearance (row by row), so the result is
 * deterministic. Alpha is ignored (LossAtlas charts are opaque).
 *
 * Returns the new image (the caller owns it and must gdImageDestroy it) with
 * *status = 0, or NULL with *status = 1 when there are more than 256 colours,
 * or NULL with *status = -1 when libgd could not allocate.
 */
static inline gdImagePtr la_exact_palette_copy(gdImagePtr src, int *status) {
  enum { SLOTS = 1024 }; /* power of two; at most 256 keys keeps the load <= 25% */
  int keys[SLOTS];
  unsigned char values[SLOTS];
  int w = gdImageSX(src), h = gdImageSY(src), count = 0;
  int lastKey = -1;
  unsigned char lastValue = 0;
  gdImagePtr dst;
  memset(keys, 0xFF, sizeof keys); /* every slot -1: empty */
  *status = -1;
  if (!gdImageTrueColor(src)) return NULL;
  dst = gdImageCreate(w, h);
  if (!dst) return NULL;
  for (int y = 0; y < h; y++) {
    const int *row = src->tpixels[y];
    unsigned char *out = dst->pixels[y];
    for (int x = 0; x < w; x++) {
      int key = row[x] & 0xFFFFFF;
      if (key != lastKey) {
        unsigned slot = ((unsigned)key * 2654435761u) >> 22; /* Fibonacci hash to 10 bits */
        while (keys[slot] != -1 && keys[slot] != key) slot = (slot + 1) & (SLOTS - 1);
        if (keys[slot] == -1) {
          if (count == 256) { gdImageDestroy(dst); *status = 1; return NULL; }
          if (gdImageColorAllocate(dst, (key >> 16) & 0xFF, (key >> 8) & 0xFF, key & 0xFF) != count) {
            gdImageDestroy(dst);
            return NULL;
          }
          keys[slot] = key;
          values[slot] = (unsigned char)count++;
        }
        lastKey = key;
        lastValue = values[slot];
      }
      out[x] = lastValue;
    }
  }
  *status = 0;
  return dst;
}

/* Row pointer of a truecolor image (NULL for a palette image or a bad row). */
static inline int *la_truecolor_row(gdImagePtr im, int y) {
  if (!im || !gdImageTrueColor(im) || y < 0 || y >= gdImageSY(im)) return NULL;
  return im->tpixels[y];
}
#endif
