extension GainSimulation.Draws {
  /// outs_c = scales[c] · W^T v_c for the layer's matrix W and every job's
  /// vector v_c (`jobs` vectors of `width` doubles, one after the other, in
  /// `vs` and `outs`): out_j = (((0 + W_0j v_0) + W_1j v_1) + ...) + W_(N-1)j v_(N-1),
  /// the rows in order, then times scales[c].
  ///
  /// Blocked for the cache as ``forward(layer:_:_:jobs:scales:)``: a block
  /// of ``rowBlock`` rows of W stays in L1 while every job's output (in L2)
  /// takes its products, so W is read once per layer, not once per job.
  /// Four rows are added to a lane of two jobs' outputs while they sit in
  /// registers (each row load serves both jobs); the blocks and the rows in
  /// a block go in order, so each output gets the same additions in the
  /// same order as one row at a time, bit for bit. An odd last job is paired
  /// with itself (both stores write the same value).
  func transposed(layer: Int, _ vs: UnsafePointer<Double>, _ outs: UnsafeMutablePointer<Double>, jobs: Int, scales: [Double]) {
    let n = width
    outs.update(repeating: 0, count: jobs * n)
    forEachBlockPair(layer: layer, vs, jobs: jobs) { matrix, rows, c, d, v, u in
      let oc = UnsafeMutableRawPointer(outs + c * n)
      let od = UnsafeMutableRawPointer(outs + d * n)
      // The width is a multiple of 4, so the rows come in fours.
      var i = rows.lowerBound
      while i < rows.upperBound {
        let r0 = matrix + i * n
        let r1 = r0 + n
        let r2 = r1 + n
        let r3 = r2 + n
        let v0 = SIMD4<Double>(repeating: v[i]), v1 = SIMD4<Double>(repeating: v[i + 1])
        let v2 = SIMD4<Double>(repeating: v[i + 2]), v3 = SIMD4<Double>(repeating: v[i + 3])
        let u0 = SIMD4<Double>(repeating: u[i]), u1 = SIMD4<Double>(repeating: u[i + 1])
        let u2 = SIMD4<Double>(repeating: u[i + 2]), u3 = SIMD4<Double>(repeating: u[i + 3])
        var j = 0
        while j < n {
          let b = j * MemoryLayout<Double>.stride
          var x = oc.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self)
          var y = od.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self)
          var a = Self.lanes(r0, j)
          x = x + a * v0
          y = y + a * u0
          a = Self.lanes(r1, j)
          x = x + a * v1
          y = y + a * u1
          a = Self.lanes(r2, j)
          x = x + a * v2
          y = y + a * u2
          a = Self.lanes(r3, j)
          x = x + a * v3
          y = y + a * u3
          oc.storeBytes(of: x, toByteOffset: b, as: SIMD4<Double>.self)
          od.storeBytes(of: y, toByteOffset: b, as: SIMD4<Double>.self)
          j += 4
        }
        i += 4
      }
    }
    for c in 0..<jobs {
      for i in 0..<n { outs[c * n + i] *= scales[c] }
    }
  }
}
