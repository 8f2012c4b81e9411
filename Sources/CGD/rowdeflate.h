#ifndef LOSSATLAS_CGD_ROWDEFLATE_H
#define LOSSATLAS_CGD_ROWDEFLATE_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/*
 * la_row_deflate: a zlib stream (RFC 1950/1951) of a palette chart's
 * unfiltered PNG rows, written without zlib's general match search.
 *
 * Why: the charts are flat colours with thin anti-aliased lines, so almost
 * every byte repeats the byte before it (a run) or the byte one row up.
 * zlib at level 6 still hashes every input byte and walks hash chains;
 * here each position tries three candidates only, in this order:
 *   1. distance 1 (the run of the byte before),
 *   2. distance `stride` (the row above; `stride` = width + 1, the
 *      filter byte included, so a match may run on into the next row),
 *   3. the last position whose next 4 bytes hashed alike (a one-entry
 *      hash table: repeated glyphs, legend swatches, dashes), tried only
 *      when the best so far is shorter than 16 bytes.
 * The longest wins (the earlier candidate on a tie); 3 bytes or more make
 * a match, else a literal. The hash table holds the start of every token
 * and every position inside a match of at most 32 bytes.
 * Tokens are coded in dynamic-Huffman blocks of at most 8192 tokens (code
 * lengths from a Huffman tree, at most 15 bits (7 for the code-length
 * code), frequencies halved until the tree fits).
 *
 * Over the manual's 221 distinct palette figures this is 1.4 % smaller
 * than zlib level 6 as tuned in la_png_encode and about 3 times faster
 * (BENCHMARKS.md, session 24, png-encode). Truecolor images are not
 * written this way (heat maps grow 25-35 %: zlib's hash chains find
 * their cells' colours; la_png_encode keeps zlib for them).
 *
 * Everything is integer arithmetic on the input alone: the bytes are
 * deterministic. Returns malloc'd bytes (the caller frees them) and
 * *outSize, or NULL when memory failed or stride is 0 or above 32768
 * (a deflate distance is at most 32768).
 */

typedef struct {
  unsigned char *bytes;
  size_t size, capacity;
  uint64_t pending; /* bits not yet stored, least significant first */
  int count;        /* how many */
  int failed;
} la_bit_writer;

static inline void la_bits_reserve(la_bit_writer *w, size_t n) {
  if (w->failed || w->size + n <= w->capacity) return;
  size_t capacity = 2 * (w->size + n) + 4096;
  unsigned char *grown = realloc(w->bytes, capacity);
  if (!grown) { w->failed = 1; return; }
  w->bytes = grown;
  w->capacity = capacity;
}

/* Appends the low `n` bits of `v` (n <= 32), least significant first. */
static inline void la_bits_put(la_bit_writer *w, uint32_t v, int n) {
  w->pending |= (uint64_t)v << w->count;
  w->count += n;
  if (w->count >= 32) {
    la_bits_reserve(w, 4);
    if (!w->failed) {
      for (int i = 0; i < 4; i++) w->bytes[w->size + i] = (unsigned char)(w->pending >> (8 * i));
      w->size += 4;
    }
    w->pending >>= 32;
    w->count -= 32;
  }
}

static inline void la_bits_byte(la_bit_writer *w, unsigned v) {
  la_bits_reserve(w, 1);
  if (!w->failed) w->bytes[w->size++] = (unsigned char)v;
}

/* Writes out the pending bits, the last byte padded with zeros. */
static inline void la_bits_flush(la_bit_writer *w) {
  for (; w->count > 0; w->count -= 8) {
    la_bits_byte(w, (unsigned)(w->pending & 0xFF));
    w->pending >>= 8;
  }
  w->count = 0;
  w->pending = 0;
}

/*
 * Huffman code lengths (at most maxBits) of n <= 288 symbols from their
 * frequencies: a Huffman tree built by the two-queue method over the used
 * symbols sorted by (frequency, symbol), so ties break the same way every
 * time; when the tree is deeper than maxBits every frequency f becomes
 * (f >> 1) | 1 and the tree is built again. At least two symbols get a
 * code (deflate's decoders want a complete code), the first unused ones
 * taking frequency 1.
 */
static inline void la_huffman_lengths(const uint32_t *frequencies, int n, int maxBits, unsigned char *lengths) {
  uint32_t f[288];
  int symbol[288], parent[2 * 288], depth[2 * 288], used = 0;
  uint64_t weight[2 * 288];
  memcpy(f, frequencies, (size_t)n * sizeof *f);
  for (int i = 0; i < n; i++) used += f[i] != 0;
  for (int i = 0; used < 2 && i < n; i++) if (!f[i]) { f[i] = 1; used++; }
  for (;;) {
    int m = 0, deepest = 0;
    for (int i = 0; i < n; i++) {
      if (!f[i]) continue;
      int j = m++;
      while (j > 0 && f[symbol[j - 1]] > f[i]) { symbol[j] = symbol[j - 1]; j--; } /* stable: ties by symbol */
      symbol[j] = i;
    }
    for (int i = 0; i < m; i++) weight[i] = f[symbol[i]];
    /* Leaves 0..m-1 ascending, internal nodes m..2m-2 created ascending:
       the two lightest are always at the front of one queue or the other. */
    int leaf = 0, node = m;
    for (int next = m; next < 2 * m - 1; next++) {
      int pick[2];
      for (int t = 0; t < 2; t++)
        pick[t] = (leaf < m && (node >= next || weight[leaf] <= weight[node])) ? leaf++ : node++;
      weight[next] = weight[pick[0]] + weight[pick[1]];
      parent[pick[0]] = parent[pick[1]] = next;
    }
    depth[2 * m - 2] = 0;
    for (int i = 2 * m - 3; i >= 0; i--) {
      depth[i] = depth[parent[i]] + 1;
      if (i < m && depth[i] > deepest) deepest = depth[i];
    }
    if (deepest <= maxBits) {
      memset(lengths, 0, (size_t)n);
      for (int i = 0; i < m; i++) lengths[symbol[i]] = (unsigned char)depth[i];
      return;
    }
    for (int i = 0; i < n; i++) if (f[i]) f[i] = (f[i] >> 1) | 1;
  }
}

/* Canonical codes of the lengths (RFC 1951, 3.2.2), bit-reversed because
   deflate sends Huffman codes most significant bit first. */
static inline void la_huffman_codes(const unsigned char *lengths, int n, uint16_t *codes) {
  int count[16] = {0}, next[16] = {0}, code = 0;
  for (int i = 0; i < n; i++) count[lengths[i]]++;
  count[0] = 0;
  for (int bits = 1; bits < 16; bits++) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  for (int i = 0; i < n; i++) {
    int v = next[lengths[i]]++, reversed = 0;
    for (int b = 0; b < lengths[i]; b++) { reversed = reversed << 1 | (v & 1); v >>= 1; }
    codes[i] = (uint16_t)reversed;
  }
}

/* Length code (0..28, symbol 257 + code) of a match length 3..258: codes
   0-7 are lengths 3-10, then four codes per power of two, 258 has its own. */
static inline int la_length_code(int length) {
  int x = length - 3, b;
  if (length == 258) return 28;
  if (x < 8) return x;
  b = 31 - __builtin_clz((unsigned)x);
  return 4 * (b - 1) + ((x >> (b - 2)) & 3);
}

/* Distance code (0..29) of a distance 1..32768: codes 0-3 are 1-4, then
   two codes per power of two. */
static inline int la_distance_code(int distance) {
  int x = distance - 1, b;
  if (x < 4) return x;
  b = 31 - __builtin_clz((unsigned)x);
  return 2 * b + ((x >> (b - 1)) & 1);
}

static const uint16_t la_length_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
                                             31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const unsigned char la_length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                   2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t la_distance_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                               257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                               8193, 12289, 16385, 24577};

/* A literal (length 0, the byte in `distance`) or a match. */
typedef struct { uint16_t length, distance; } la_token;

/* One dynamic-Huffman block (BTYPE 2) of the tokens, then end-of-block. */
static inline void la_deflate_block(la_bit_writer *w, const la_token *t, size_t n, int last) {
  static const unsigned char order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  uint32_t litFreq[286] = {0}, distFreq[30] = {0}, lenFreq[19] = {0};
  unsigned char litLen[286], distLen[30], lenLen[19], all[286 + 30], runSymbol[286 + 30], runExtra[286 + 30];
  uint16_t litCode[286], distCode[30], lenCode[19];
  int hlit = 286, hdist = 30, hclen = 19, total, runs = 0;
  for (size_t i = 0; i < n; i++) {
    if (t[i].length == 0) {
      litFreq[t[i].distance]++;
    } else {
      litFreq[257 + la_length_code(t[i].length)]++;
      distFreq[la_distance_code(t[i].distance)]++;
    }
  }
  litFreq[256] = 1; /* end of block */
  la_huffman_lengths(litFreq, 286, 15, litLen);
  la_huffman_lengths(distFreq, 30, 15, distLen);
  while (hlit > 257 && !litLen[hlit - 1]) hlit--;
  while (hdist > 1 && !distLen[hdist - 1]) hdist--;
  memcpy(all, litLen, (size_t)hlit);
  memcpy(all + hlit, distLen, (size_t)hdist);
  total = hlit + hdist;
  /* The code lengths, run-length coded: 16 repeats the previous length
     3-6 times, 17 and 18 give 3-10 and 11-138 zeros. */
  for (int i = 0; i < total;) {
    int v = all[i], run = 1;
    while (i + run < total && all[i + run] == v) run++;
    if (v == 0 && run >= 3) {
      int r = run > 138 ? 138 : run;
      runSymbol[runs] = r >= 11 ? 18 : 17;
      runExtra[runs] = (unsigned char)(r >= 11 ? r - 11 : r - 3);
      lenFreq[runSymbol[runs++]]++;
      i += r;
    } else if (v != 0 && run >= 4) {
      int r = run - 1 > 6 ? 6 : run - 1;
      runSymbol[runs] = (unsigned char)v;
      runExtra[runs++] = 0;
      runSymbol[runs] = 16;
      runExtra[runs++] = (unsigned char)(r - 3);
      lenFreq[v]++;
      lenFreq[16]++;
      i += 1 + r;
    } else {
      runSymbol[runs] = (unsigned char)v;
      runExtra[runs++] = 0;
      lenFreq[v]++;
      i++;
    }
  }
  la_huffman_lengths(lenFreq, 19, 7, lenLen);
  while (hclen > 4 && !lenLen[order[hclen - 1]]) hclen--;
  la_huffman_codes(litLen, 286, litCode);
  la_huffman_codes(distLen, 30, distCode);
  la_huffman_codes(lenLen, 19, lenCode);

  la_bits_put(w, last ? 1 : 0, 1); /* BFINAL */
  la_bits_put(w, 2, 2);            /* BTYPE: dynamic Huffman */
  la_bits_put(w, (uint32_t)(hlit - 257), 5);
  la_bits_put(w, (uint32_t)(hdist - 1), 5);
  la_bits_put(w, (uint32_t)(hclen - 4), 4);
  for (int i = 0; i < hclen; i++) la_bits_put(w, lenLen[order[i]], 3);
  for (int i = 0; i < runs; i++) {
    int s = runSymbol[i];
    la_bits_put(w, lenCode[s], lenLen[s]);
    if (s >= 16) la_bits_put(w, runExtra[i], s == 16 ? 2 : s == 17 ? 3 : 7);
  }
  for (size_t i = 0; i < n; i++) {
    if (t[i].length == 0) {
      la_bits_put(w, litCode[t[i].distance], litLen[t[i].distance]);
    } else {
      int lc = la_length_code(t[i].length), dc = la_distance_code(t[i].distance);
      la_bits_put(w, litCode[257 + lc], litLen[257 + lc]);
      if (la_length_extra[lc]) la_bits_put(w, (uint32_t)(t[i].length - la_length_base[lc]), la_length_extra[lc]);
      la_bits_put(w, distCode[dc], distLen[dc]);
      /* distance codes 4.. carry (code / 2 - 1) extra bits */
      if (dc >= 4) la_bits_put(w, (uint32_t)(t[i].distance - la_distance_base[dc]), dc / 2 - 1);
    }
  }
  la_bits_put(w, litCode[256], litLen[256]);
}

/* How many bytes from a and b agree, at most max (8 at a time). */
static inline size_t la_common_prefix(const unsigned char *a, const unsigned char *b, size_t max) {
  size_t n = 0;
  while (n + 8 <= max) {
    uint64_t x, y;
    memcpy(&x, a + n, 8);
    memcpy(&y, b + n, 8);
    if (x != y) return n + (size_t)(__builtin_ctzll(x ^ y) >> 3); /* little-endian: first differing byte */
    n += 8;
  }
  while (n < max && a[n] == b[n]) n++;
  return n;
}

/* Hash of the 4 bytes at p (Fibonacci hashing to 15 bits). */
static inline uint32_t la_hash4(const unsigned char *p) {
  uint32_t k;
  memcpy(&k, p, 4);
  return (k * 2654435761u) >> 17;
}

static inline unsigned char *la_row_deflate(const unsigned char *raw, size_t size, size_t stride, size_t *outSize) {
  enum { BLOCK = 8192, HASH = 1 << 15, WINDOW = 32768, TRY_HASH_BELOW = 16, INSERT_UP_TO = 32 };
  la_bit_writer w = {NULL, 0, 0, 0, 0, 0};
  la_token *tokens;
  int32_t *head;
  uint32_t adler;
  size_t i = 0;
  if (stride == 0 || stride > WINDOW) return NULL;
  tokens = malloc(BLOCK * sizeof *tokens);
  head = malloc(HASH * sizeof *head);
  if (!tokens || !head) { free(tokens); free(head); return NULL; }
  memset(head, 0xFF, HASH * sizeof *head); /* every entry -1: empty */
  la_bits_byte(&w, 0x78); /* CMF: deflate, 32 KiB window */
  la_bits_byte(&w, 0x9C); /* FLG: default level, no dictionary, check bits */
  for (int last = 0; !last;) {
    size_t n = 0;
    while (n < BLOCK && i < size) {
      size_t max = size - i < 258 ? size - i : 258, best = 0, distance = 0, k;
      if (i >= 1) { best = la_common_prefix(raw + i, raw + i - 1, max); distance = 1; }
      if (i >= stride && best < max) {
        k = la_common_prefix(raw + i, raw + i - stride, max);
        if (k > best) { best = k; distance = stride; }
      }
      if (max >= 4) {
        uint32_t h = la_hash4(raw + i);
        if (best < TRY_HASH_BELOW && head[h] >= 0 && i - (size_t)head[h] <= WINDOW) {
          k = la_common_prefix(raw + i, raw + head[h], max);
          if (k > best) { best = k; distance = i - (size_t)head[h]; }
        }
        head[h] = (int32_t)i;
      }
      if (best >= 3) {
        if (best <= INSERT_UP_TO)
          for (size_t j = i + 1; j < i + best && j + 4 <= size; j++) head[la_hash4(raw + j)] = (int32_t)j;
        tokens[n].length = (uint16_t)best;
        tokens[n].distance = (uint16_t)distance;
        i += best;
      } else {
        tokens[n].length = 0;
        tokens[n].distance = raw[i];
        i++;
      }
      n++;
    }
    last = i >= size;
    la_deflate_block(&w, tokens, n, last);
  }
  la_bits_flush(&w);
  adler = (uint32_t)adler32(adler32(0, NULL, 0), raw, (uInt)size);
  for (int s = 24; s >= 0; s -= 8) la_bits_byte(&w, (adler >> s) & 0xFF);
  free(tokens);
  free(head);
  if (w.failed) { free(w.bytes); return NULL; }
  *outSize = w.size;
  return w.bytes;
}
#endif
