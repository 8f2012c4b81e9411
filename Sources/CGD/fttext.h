#ifndef LOSSATLAS_CGD_FTTEXT_H
#define LOSSATLAS_CGD_FTTEXT_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
#include FT_SIZES_H
#include <gd.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * la_ft_text: what gdImageStringFTEx (libgd 2.3, gdft.c, built without
 * libraqm) computes for one line of text at 72 dpi, for LossAtlas's use of
 * it: the bounding rectangle, and optionally the text drawn in opaque white
 * (0xFFFFFF) onto opaque truecolor pixels with alpha blending on.
 *
 * Why: gdImageStringFTEx creates two FreeType sizes on every call (300 dpi
 * for metrics, 72 dpi for bitmaps), so DejaVu's font program and CVT program
 * run again each time (about 85 us of a 100 us measurement of "1"), and
 * every glyph is loaded and hinted two or three times. Here a style (font
 * file, size, angle) keeps its face, both sizes and every glyph it loaded:
 * the 300 dpi metrics gd reads (horiAdvance, horiBearingX/Y, height) and
 * the 72 dpi bitmap gd draws (FT_Glyph_To_Bitmap, left, top). A glyph's
 * hinting depends only on the font, the size and the glyph, so the values
 * are those gd gets (checked against gd on every text of both editions and
 * a hostile set: Tests/LossAtlasChartsTests/FreeTypeTextTests.swift).
 *
 * The steps and expressions are gd's, in gd's order (textLayout: kerning
 * from FT_Get_Kerning at the 300 dpi size added to the previous glyph's
 * advance; the pen in 300 dpi 26.6 units; the glyph's pixel origin
 * (int)(x + pen * cos * 72 / (300 * 64) + left), truncated as gd does; the
 * bounding rectangle from the same double expressions; gdft_draw_bitmap's
 * level = gray * 127 / (grays - 1), alpha = 127 - level, gdAlphaBlend).
 *
 * Not handled (returns 1: the caller asks libgd): '&' (gd decodes HTML
 * entities), '\r' and '\n' (gd's line breaks), bytes 0xF0-0xFF (4-byte
 * UTF-8: libgd 2.3.3 takes such a sequence as 4 one-byte characters, later
 * versions as one code point), a font without a Unicode,
 * symbol or Adobe character map, a glyph FreeType cannot load or render, a
 * bitmap that is neither 8-bit grey nor 1-bit.
 *
 * Not thread-safe: a style's face, sizes and glyph table are shared; the
 * caller serialises every call (one lock for all styles, as FT_New_Face on
 * one FT_Library needs too). A style and its glyphs live until
 * la_ft_style_close.
 */
enum { LA_FT_METRIC_RES = 300 }; /* gdft.c's METRIC_RES */

typedef struct {
  int loaded, failed;
  FT_Pos advance, bearingX, bearingY, height; /* 300 dpi, 26.6 */
  int rows, width, pitch, left, top, mode, grays;
  unsigned char *buffer;
} la_ft_glyph;

typedef struct {
  FT_Face face;
  FT_Size metric, render;
  FT_Long glyphCount;
  la_ft_glyph *glyphs;
  double angle;
} la_ft_style;

/* A face with gd's character map and both sizes, or NULL (the caller uses libgd). */
static inline la_ft_style *la_ft_style_open(const char *font, double ptsize, double angle) {
  static FT_Library library;
  static int libraryState; /* 0 not tried, 1 ready, -1 failed */
  la_ft_style *s;
  FT_Matrix matrix;
  int found = 0;
  if (libraryState == 0) libraryState = FT_Init_FreeType(&library) ? -1 : 1;
  if (libraryState < 0 || strchr(font, ';')) return NULL;
  s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (FT_New_Face(library, font, 0, &s->face)) { free(s); return NULL; }
  /* gd: the first map that is MS symbol, Unicode, Adobe custom or standard */
  for (int i = 0; i < s->face->num_charmaps && !found; i++) {
    FT_Encoding e = s->face->charmaps[i]->encoding;
    if (e == FT_ENCODING_MS_SYMBOL || e == FT_ENCODING_UNICODE || e == FT_ENCODING_ADOBE_CUSTOM ||
        e == FT_ENCODING_ADOBE_STANDARD) {
      found = !FT_Select_Charmap(s->face, e);
      /* gd ORs 0xF000 into code points of a symbol map: not reproduced */
      if (e == FT_ENCODING_MS_SYMBOL) found = 0;
      break;
    }
  }
  matrix.xx = (FT_Fixed)(cos(angle) * (1 << 16));
  matrix.yx = (FT_Fixed)(sin(angle) * (1 << 16));
  matrix.xy = -matrix.yx;
  matrix.yy = matrix.xx;
  FT_Set_Transform(s->face, &matrix, NULL);
  s->glyphCount = s->face->num_glyphs;
  s->glyphs = calloc((size_t)s->glyphCount + 1, sizeof(la_ft_glyph));
  if (!found || !s->glyphs || FT_New_Size(s->face, &s->metric) || FT_Activate_Size(s->metric) ||
      FT_Set_Char_Size(s->face, 0, (FT_F26Dot6)(ptsize * 64), LA_FT_METRIC_RES, LA_FT_METRIC_RES) ||
      FT_New_Size(s->face, &s->render) || FT_Activate_Size(s->render) ||
      FT_Set_Char_Size(s->face, 0, (FT_F26Dot6)(ptsize * 64), 72, 72)) {
    FT_Done_Face(s->face); /* also frees the sizes */
    free(s->glyphs);
    free(s);
    return NULL;
  }
  s->angle = angle;
  return s;
}

/* Frees a style, its face, sizes and glyphs (NULL is ignored). */
static inline void la_ft_style_close(la_ft_style *s) {
  if (!s) return;
  for (FT_Long i = 0; i <= s->glyphCount; i++) free(s->glyphs[i].buffer);
  free(s->glyphs);
  FT_Done_Face(s->face); /* also frees the sizes */
  free(s);
}

/* Glyph `index` of the style, loaded once; NULL when FreeType failed. */
static inline la_ft_glyph *la_ft_glyph_at(la_ft_style *s, FT_UInt index) {
  la_ft_glyph *g;
  FT_GlyphSlot slot = s->face->glyph;
  FT_Glyph image;
  size_t bytes;
  if ((FT_Long)index > s->glyphCount) return NULL;
  g = &s->glyphs[index];
  if (g->loaded) return g->failed ? NULL : g;
  g->loaded = 1;
  g->failed = 1;
  FT_Activate_Size(s->metric);
  if (FT_Load_Glyph(s->face, index, FT_LOAD_DEFAULT)) return NULL;
  g->advance = slot->metrics.horiAdvance;
  g->bearingX = slot->metrics.horiBearingX;
  g->bearingY = slot->metrics.horiBearingY;
  g->height = slot->metrics.height;
  FT_Activate_Size(s->render);
  if (FT_Load_Glyph(s->face, index, FT_LOAD_DEFAULT)) return NULL;
  if (FT_Get_Glyph(slot, &image)) return NULL;
  if (image->format != FT_GLYPH_FORMAT_BITMAP && FT_Glyph_To_Bitmap(&image, FT_RENDER_MODE_NORMAL, 0, 1)) {
    FT_Done_Glyph(image);
    return NULL;
  }
  {
    FT_BitmapGlyph bm = (FT_BitmapGlyph)image;
    g->rows = (int)bm->bitmap.rows;
    g->width = (int)bm->bitmap.width;
    g->pitch = bm->bitmap.pitch;
    g->left = bm->left;
    g->top = bm->top;
    g->mode = bm->bitmap.pixel_mode;
    g->grays = bm->bitmap.num_grays;
    bytes = (size_t)abs(g->pitch) * (size_t)g->rows;
    g->buffer = malloc(bytes + 1);
    if (g->buffer && bytes) memcpy(g->buffer, bm->bitmap.buffer, bytes);
  }
  FT_Done_Glyph(image);
  /* gd draws only grey and mono bitmaps; a negative pitch is not handled here */
  if (!g->buffer || g->pitch < 0 || (g->mode != FT_PIXEL_MODE_GRAY && g->mode != FT_PIXEL_MODE_MONO) ||
      (g->mode == FT_PIXEL_MODE_GRAY && g->grays < 2)) return NULL;
  g->failed = 0;
  return g;
}

/* gd's UTF-8 decoding (gdft.c) of one code point of at most 3 bytes, and
   the bytes it took; a malformed sequence gives its first byte. */
static inline int la_ft_utf8(const char *p, uint32_t *c) {
  uint32_t b0 = (uint8_t)p[0], b1, b2;
  if (b0 < 0xC0) { *c = b0; return 1; }
  b1 = (uint8_t)p[1];
  if (b0 < 0xE0) {
    if ((b1 & 0xC0) == 0x80) { *c = ((b0 & 0x1F) << 6) | (b1 & 0x3F); return 2; }
    *c = b0; return 1;
  }
  b2 = (b1 & 0xC0) == 0x80 ? (uint8_t)p[2] : 0; /* never read past the terminator */
  if (((b1 & 0xC0) == 0x80) && ((b2 & 0xC0) == 0x80)) {
    *c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F); return 3;
  }
  *c = b0; return 1;
}

/* gdft_draw_bitmap, truecolor, fg = 0xFFFFFF (alpha 0), alpha blending on,
   clipped to the w x h pixels. */
static inline void la_ft_draw(const la_ft_glyph *g, int px, int py, int *pixels, int w, int h) {
  for (int row = 0; row < g->rows; row++) {
    int pc = row * g->pitch, pcr = pc, y = py + row;
    if (y > h - 1 || y < 0) continue;
    for (int col = 0; col < g->width; col++, pc++) {
      int level, x = px + col, *t, o;
      if (g->mode == FT_PIXEL_MODE_GRAY) level = g->buffer[pc] * gdAlphaMax / (g->grays - 1);
      else level = (g->buffer[(col >> 3) + pcr] & (1 << (~col & 0x07))) ? gdAlphaTransparent : gdAlphaOpaque;
      if (level == 0) continue;
      level = gdAlphaMax - level; /* fg alpha 0: level * (127 - 0) / 127 is level */
      if (x > w - 1 || x < 0) continue;
      t = &pixels[(size_t)y * (size_t)w + (size_t)x];
      o = *t;
      *t = gdTrueColorGetAlpha(o) != gdAlphaTransparent ? gdAlphaBlend(o, (level << 24) + 0xFFFFFF)
                                                        : (level << 24) + 0xFFFFFF;
    }
  }
}

/*
 * The bounding rectangle of `text` with its baseline origin at (x, y) into
 * brect[8] (gd's order), and, when pixels is not NULL, the text drawn onto
 * the w x h truecolor pixels (row-major). Returns 0, or 1 when the text or
 * a glyph is not handled here (nothing was drawn; ask libgd).
 */
static inline int la_ft_text(la_ft_style *s, const char *text, int x, int y, int *brect, int *pixels, int w, int h) {
  const int hdpi = 72, vdpi = 72;
  double sin_a = sin(s->angle), cos_a = cos(s->angle);
  size_t length = strlen(text);
  uint32_t *codes;
  FT_UInt *indices, previous = 0;
  FT_Pos *advances;
  la_ft_glyph **glyphs;
  FT_Vector total_min = {0, 0}, total_max = {0, 0}, glyph_min, glyph_max, penf = {0, 0};
  int count = 0, kerns = !FT_IS_FIXED_WIDTH(s->face) && FT_HAS_KERNING(s->face);
  if (strpbrk(text, "&\r\n")) return 1;
  for (const char *p = text; *p; p++) if ((uint8_t)*p >= 0xF0) return 1;
  codes = malloc((length + 1) * (sizeof *codes + sizeof *indices + sizeof *advances + sizeof *glyphs));
  if (!codes) return 1;
  indices = (FT_UInt *)(codes + length + 1);
  advances = (FT_Pos *)(indices + length + 1);
  glyphs = (la_ft_glyph **)(advances + length + 1);
  for (const char *p = text; *p;) p += la_ft_utf8(p, &codes[count++]);
  /* textLayout: advances at 300 dpi, kerning added to the glyph before */
  for (int i = 0; i < count; i++) {
    FT_Vector delta = {0, 0};
    FT_UInt index = FT_Get_Char_Index(s->face, codes[i]);
    FT_Activate_Size(s->metric);
    if (kerns && previous && index) FT_Get_Kerning(s->face, previous, index, FT_KERNING_DEFAULT, &delta);
    glyphs[i] = la_ft_glyph_at(s, index);
    if (!glyphs[i]) { free(codes); return 1; }
    indices[i] = index;
    if (delta.x != 0) advances[i - 1] += delta.x;
    advances[i] = glyphs[i]->advance;
    previous = index;
  }
  /* Pass 1: nothing is drawn unless every glyph is usable (all were loaded above). */
  for (int i = 0; i < count; i++) {
    la_ft_glyph *g = glyphs[i];
    FT_Pos advance = advances[i];
    glyph_min.x = penf.x + g->bearingX;
    glyph_min.y = penf.y - g->bearingY;
    glyph_max.x = penf.x + advance;
    glyph_max.y = glyph_min.y + g->height;
    if (i == 0) {
      total_min = glyph_min;
      total_max = glyph_max;
    } else {
      if (glyph_min.x < total_min.x) total_min.x = glyph_min.x;
      if (glyph_min.y < total_min.y) total_min.y = glyph_min.y;
      if (glyph_max.x > total_max.x) total_max.x = glyph_max.x;
      if (glyph_max.y > total_max.y) total_max.y = glyph_max.y;
    }
    if (pixels) {
      FT_Pos pen_x = penf.x, pen_y = penf.y;
      la_ft_draw(g, (int)(x + (pen_x * cos_a + pen_y * sin_a) * hdpi / (LA_FT_METRIC_RES * 64) + g->left),
                 (int)(y - (pen_x * sin_a - pen_y * cos_a) * vdpi / (LA_FT_METRIC_RES * 64) - g->top), pixels, w, h);
    }
    penf.x += advance;
  }
  free(codes);
  {
    double scalex = (double)hdpi / (64 * LA_FT_METRIC_RES), scaley = (double)vdpi / (64 * LA_FT_METRIC_RES);
    brect[0] = x + (total_min.x * cos_a + total_max.y * sin_a) * scalex;
    brect[1] = y - (total_min.x * sin_a - total_max.y * cos_a) * scaley;
    brect[2] = x + (total_max.x * cos_a + total_max.y * sin_a) * scalex;
    brect[3] = y - (total_max.x * sin_a - total_max.y * cos_a) * scaley;
    brect[4] = x + (total_max.x * cos_a + total_min.y * sin_a) * scalex;
    brect[5] = y - (total_max.x * sin_a - total_min.y * cos_a) * scaley;
    brect[6] = x + (total_min.x * cos_a + total_min.y * sin_a) * scalex;
    brect[7] = y - (total_min.x * sin_a - total_min.y * cos_a) * scaley;
  }
  return 0;
}
#endif
