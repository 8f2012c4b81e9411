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
  /// (l_0 + l_1) + (l_2 + l_3).
  ///
  /// Blocked for the cache: a block of ``rowBlock`` rows of W comes from
  /// memory once and stays in L1 while every job's vector passes over it
  /// (W, 512 KB at width 256, the whole L2, is read once per layer, not
  /// once per job). Two rows meet two jobs at a time (each load serves two
  /// products), in two passes over j: a_0 and a_1 first, then a_2 and a_3
  /// (eight accumulators at a time fit in the registers; sixteen would not).
  /// Each partial sum gets the same additions in the same order as one
  /// dot product at a time, so the results are the same bit for bit. An odd
  /// last job is paired with itself.
  func forward(layer: Int, _ vs: UnsafePointer<Double>, _ outs: UnsafeMutablePointer<Double>, jobs: Int, scales: [Double]) {
    let n = width
    weights.withUnsafeBufferPointer { w in
      let matrix = w.baseAddress! + layer * n * n
      var block = 0
      while block < n {
        let end = Swift.min(block + Self.rowBlock, n)
        var c = 0
        while c < jobs {
          let d = Swift.min(c + 1, jobs - 1)
          let v = vs + c * n
          let u = vs + d * n
          var i = block
          // The width is a multiple of 4, so the rows come in pairs.
          while i < end {
            let r = matrix + i * n
            let s = r + n
            // ic: row i and job c; jc: row i + 1 and job c; id, jd: job d.
            var ic = PartialSums(), jc = PartialSums(), id = PartialSums(), jd = PartialSums()
            for half in 0..<2 {
              let o = 8 * half
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
              while half == 0 && j < n {
                let wr = Self.lanes(r, j), ws = Self.lanes(s, j), x = Self.lanes(v, j), y = Self.lanes(u, j)
                p0 += wr * x
                q0 += ws * x
                r0 += wr * y
                s0 += ws * y
                j += 4
              }
              ic.set(half, p0, p1)
              jc.set(half, q0, q1)
              id.set(half, r0, r1)
              jd.set(half, s0, s1)
            }
            outs[c * n + i] = ic.total * scales[c]
            outs[c * n + i + 1] = jc.total * scales[c]
            outs[d * n + i] = id.total * scales[d]
            outs[d * n + i + 1] = jd.total * scales[d]
            i += 2
          }
          c += 2
        }
        block = end
      }
    }
  }
}
