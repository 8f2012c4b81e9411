extension GainSimulation.Draws {
  /// Rows of W per block of ``forward(layer:_:_:jobs:scales:)`` and
  /// ``transposed(layer:_:_:jobs:scales:)``: 8 rows of 256 doubles are
  /// 16 KB, half of this host's L1, beside the vectors streaming from L2
  /// (measured: 4, 8, 16 and 32 rows within 10 % of each other; 8 or 16
  /// best).
  static var rowBlock: Int { 8 }

  /// outs_c = scales[c] · W v_c for the layer's matrix W and every job's
  /// vector v_c (`jobs` vectors of `width` doubles, one after the other, in
  /// `vs` and `outs`): out_i = Σ_j W_ij v_j in 16 partial sums (lane k of
  /// accumulator a_m adds the products at j ≡ 4m + k mod 16 in increasing
  /// j; when the width is not a multiple of 16, the last products go to
  /// a_0), combined as (a_0 + a_1) + (a_2 + a_3), then its lanes as
  /// (l_0 + l_1) + (l_2 + l_3) (``dotTotal(first:second:)``).
  ///
  /// Blocked for the cache: a block of ``rowBlock`` rows of W comes from
  /// memory once and stays in L1 while every job's vector passes over it
  /// (W, 512 KB at width 256, the whole L2, is read once per layer, not
  /// once per job). Two rows meet two jobs at a time (each load serves two
  /// products), in two passes over j: a_0 and a_1 first, then a_2 and a_3
  /// (eight accumulators at a time fit in the registers; sixteen would not).
  /// The first pass runs over all the block's rows and leaves each dot
  /// product's a_0 + a_1 in `firstHalves` before the second pass starts:
  /// when the second pass followed the first row by row, the compiler kept
  /// the four a_0 + a_1 in registers through it and moved the second pass's
  /// accumulators to the stack (a store and a load per addition; 30 % of
  /// the time, measured). Each partial sum gets the same additions in the
  /// same order as one dot product at a time, so the results are the same
  /// bit for bit. An odd last job is paired with itself.
  func forward(layer: Int, _ vs: UnsafePointer<Double>, _ outs: UnsafeMutablePointer<Double>, jobs: Int, scales: [Double]) {
    let n = width
    // firstHalves[2 * (i - block start) + k]: a_0 + a_1 of row i's (k = 0,
    // 2: jobs c, d) and row i + 1's (k = 1, 3) dot products.
    let firstHalves = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: 2 * Self.rowBlock)
    defer { firstHalves.deallocate() }
    forEachBlockPair(layer: layer, vs, jobs: jobs) { matrix, rows, c, d, v, u in
      for half in 0..<2 {
        let o = 8 * half
        // The width is a multiple of 4, so the rows come in pairs.
        var i = rows.lowerBound
        while i < rows.upperBound {
          let r = matrix + i * n
          let s = r + n
          // p: row i and job c; q: row i + 1 and job c; r, s: job d.
          var p0 = SIMD4<Double>(repeating: 0), p1 = p0, q0 = p0, q1 = p0
          var r0 = p0, r1 = p0, s0 = p0, s1 = p0
          var j = 0
          while j + 16 <= n {
            var wr = Self.lanes(r, j + o), ws = Self.lanes(s, j + o), x = Self.lanes(v, j + o), y = Self.lanes(u, j + o)
            p0 += wr * x
            q0 += ws * x
            r0 += wr * y
            s0 += ws * y
            wr = Self.lanes(r, j + o + 4)
            ws = Self.lanes(s, j + o + 4)
            x = Self.lanes(v, j + o + 4)
            y = Self.lanes(u, j + o + 4)
            p1 += wr * x
            q1 += ws * x
            r1 += wr * y
            s1 += ws * y
            j += 16
          }
          let first = firstHalves + 2 * (i - rows.lowerBound)
          if half == 0 {
            while j < n {
              let wr = Self.lanes(r, j), ws = Self.lanes(s, j), x = Self.lanes(v, j), y = Self.lanes(u, j)
              p0 += wr * x
              q0 += ws * x
              r0 += wr * y
              s0 += ws * y
              j += 4
            }
            first[0] = p0 + p1
            first[1] = q0 + q1
            first[2] = r0 + r1
            first[3] = s0 + s1
          } else {
            outs[c * n + i] = Self.dotTotal(first: first[0], second: p0 + p1) * scales[c]
            outs[c * n + i + 1] = Self.dotTotal(first: first[1], second: q0 + q1) * scales[c]
            outs[d * n + i] = Self.dotTotal(first: first[2], second: r0 + r1) * scales[d]
            outs[d * n + i + 1] = Self.dotTotal(first: first[3], second: s0 + s1) * scales[d]
          }
          i += 2
        }
      }
    }
  }
}
