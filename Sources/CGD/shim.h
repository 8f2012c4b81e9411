#ifndef LOSSATLAS_CGD_SHIM_H
#define LOSSATLAS_CGD_SHIM_H
#include <gd.h>
#include <gdfontl.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "rowdeflate.h"
#include "fttext.h"

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

/*
 * la_png_encode: the PNG file of a truecolor image or of an exact palette
 * copy (la_exact_palette_copy), written here rather than by libpng:
 *
 * - every row has filter type 0 (None): the charts' flat colours and the
 *   heat maps' repeated rows compress better unfiltered than with libpng's
 *   per-row filter search, which is also most of libpng's time on truecolor
 *   images (BENCHMARKS.md, session 19, perf-charts);
 * - one zlib stream (deflate, 32 KiB window, memLevel 8, default strategy)
 *   at `level`; for palette images at level 6 the match search is tuned
 *   (deflateTune good 32, lazy 258, nice 258, chain 16): faster than level 6
 *   and smaller over the manual's figures (measured in the same section);
 * - or, for a palette image at level 6 at most 32767 pixels wide when
 *   `rowMatch` is non-zero, the stream of la_row_deflate (rowdeflate.h: runs, the row above and a
 *   one-entry hash; about 5 times faster than the tuned zlib and 1.9 %
 *   smaller over the manual's palette figures; BENCHMARKS.md, session 24,
 *   png-encode);
 * - chunks IHDR (8-bit, colour type 3 palette or 2 RGB), PLTE, pHYs (the
 *   image's resolution, as libgd writes it), one IDAT, IEND; nothing that
 *   depends on time or memory, so the bytes are deterministic.
 * Alpha and transparency are ignored (LossAtlas charts are opaque).
 *
 * Returns malloc'd bytes (the caller frees them) and *size with *status = 0;
 * NULL with *status = 1 for a palette image of 16 colours or fewer (libgd
 * writes those with fewer bits per pixel: the caller uses libgd), NULL with
 * *status = -1 when memory or zlib failed.
 */
typedef struct { unsigned char *bytes; size_t size, capacity; int failed; } la_png_buffer;

static inline void la_png_put(la_png_buffer *b, const void *data, size_t n) {
  if (b->failed) return;
  if (b->size + n > b->capacity) {
    size_t capacity = 2 * (b->size + n);
    unsigned char *grown = realloc(b->bytes, capacity);
    if (!grown) { b->failed = 1; return; }
    b->bytes = grown;
    b->capacity = capacity;
  }
  memcpy(b->bytes + b->size, data, n);
  b->size += n;
}

static inline void la_png_put32(la_png_buffer *b, unsigned long v) {
  unsigned char be[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v};
  la_png_put(b, be, 4);
}

/* Length, type, data, CRC-32 of type and data. */
static inline void la_png_chunk(la_png_buffer *b, const char *type, const unsigned char *data, size_t n) {
  size_t start;
  la_png_put32(b, n);
  start = b->size;
  la_png_put(b, type, 4);
  if (n) la_png_put(b, data, n);
  if (!b->failed) la_png_put32(b, crc32(0, b->bytes + start, (uInt)(n + 4)));
}

static inline unsigned char *la_png_encode(gdImagePtr im, int level, int rowMatch, int *size, int *status) {
  static const unsigned char signature[8] = {137, 80, 78, 71, 13, 10, 26, 10};
  int w = gdImageSX(im), h = gdImageSY(im), trueColor = gdImageTrueColor(im);
  size_t stride = trueColor ? 3 * (size_t)w : (size_t)w, rawSize = (stride + 1) * (size_t)h, k = 0;
  unsigned char *raw, *packed;
  size_t packedSize;
  unsigned char header[13], phys[9], palette[3 * 256];
  unsigned long xppm, yppm;
  la_png_buffer out = {NULL, 0, 0, 0};
  z_stream z;
  int rc;
  *status = -1;
  if (!trueColor && gdImageColorsTotal(im) <= 16) { *status = 1; return NULL; }
  /* zlib and the CRC take 32-bit lengths (uInt): one deflate call with
     avail_in = rawSize must see the whole image. The charts cap an image at
     8000 x 8000 (192 MB raw), far below; refuse rather than truncate. */
  if (rawSize > 0x7FFFFFFFu) return NULL;
  raw = malloc(rawSize);
  if (!raw) return NULL;
  for (int y = 0; y < h; y++) {
    raw[k++] = 0; /* filter type None */
    if (trueColor) {
      const int *row = im->tpixels[y];
      for (int x = 0; x < w; x++) {
        raw[k++] = (unsigned char)(row[x] >> 16);
        raw[k++] = (unsigned char)(row[x] >> 8);
        raw[k++] = (unsigned char)row[x];
      }
    } else {
      memcpy(raw + k, im->pixels[y], (size_t)w);
      k += (size_t)w;
    }
  }
  /* A row above more than 32 KiB back is out of deflate's reach: zlib. */
  if (!trueColor && rowMatch && level == 6 && stride + 1 <= 32768) {
    packed = la_row_deflate(raw, rawSize, stride + 1, &packedSize);
    free(raw);
    if (!packed) return NULL;
  } else {
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) { free(raw); return NULL; }
    if (!trueColor && level == 6) deflateTune(&z, 32, 258, 258, 16);
    {
      uLong bound = deflateBound(&z, (uLong)rawSize) + 1024;
      packed = malloc(bound);
      if (!packed) { deflateEnd(&z); free(raw); return NULL; }
      z.next_in = raw;
      z.avail_in = (uInt)rawSize;
      z.next_out = packed;
      z.avail_out = (uInt)bound;
      rc = deflate(&z, Z_FINISH);
    }
    free(raw);
    packedSize = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) { free(packed); return NULL; }
  }

  la_png_put(&out, signature, 8);
  header[0] = (unsigned char)(w >> 24); header[1] = (unsigned char)(w >> 16);
  header[2] = (unsigned char)(w >> 8); header[3] = (unsigned char)w;
  header[4] = (unsigned char)(h >> 24); header[5] = (unsigned char)(h >> 16);
  header[6] = (unsigned char)(h >> 8); header[7] = (unsigned char)h;
  header[8] = 8;                  /* bit depth */
  header[9] = trueColor ? 2 : 3;  /* colour type: RGB or palette */
  header[10] = header[11] = header[12] = 0; /* deflate, adaptive filtering, no interlace */
  la_png_chunk(&out, "IHDR", header, 13);
  if (!trueColor) {
    int n = gdImageColorsTotal(im);
    for (int i = 0; i < n; i++) {
      palette[3 * i] = (unsigned char)gdImageRed(im, i);
      palette[3 * i + 1] = (unsigned char)gdImageGreen(im, i);
      palette[3 * i + 2] = (unsigned char)gdImageBlue(im, i);
    }
    la_png_chunk(&out, "PLTE", palette, 3 * (size_t)n);
  }
  /* Pixels per metre, rounded as libgd's DPI2DPM does. */
  xppm = (unsigned long)(gdImageResolutionX(im) / 0.0254 + 0.5);
  yppm = (unsigned long)(gdImageResolutionY(im) / 0.0254 + 0.5);
  for (int i = 0; i < 4; i++) {
    phys[i] = (unsigned char)(xppm >> (24 - 8 * i));
    phys[4 + i] = (unsigned char)(yppm >> (24 - 8 * i));
  }
  phys[8] = 1; /* unit: metre */
  la_png_chunk(&out, "pHYs", phys, 9);
  la_png_chunk(&out, "IDAT", packed, packedSize);
  la_png_chunk(&out, "IEND", NULL, 0);
  free(packed);
  if (out.failed || out.size > 0x7FFFFFFF) { free(out.bytes); return NULL; }
  *size = (int)out.size;
  *status = 0;
  return out.bytes;
}

/* Row pointer of a truecolor image (NULL for a palette image or a bad row). */
static inline int *la_truecolor_row(gdImagePtr im, int y) {
  if (!im || !gdImageTrueColor(im) || y < 0 || y >= gdImageSY(im)) return NULL;
  return im->tpixels[y];
}
#endif
