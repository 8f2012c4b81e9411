extension GainSimulation.Draws {
  /// Calls `body` for every block of ``rowBlock`` rows of the layer's
  /// matrix W (row-major, `width` x `width`), and within a block for every
  /// pair of jobs c, d = c + 1 (an odd last job paired with itself: d = c),
  /// with v and u the two jobs' vectors (`jobs` vectors of `width` doubles,
  /// one after the other, in `vs`): the loop of
  /// ``forward(layer:_:_:jobs:scales:)`` and ``transposed(layer:_:_:jobs:scales:)``.
  @inline(__always)
  func forEachBlockPair(
    layer: Int, _ vs: UnsafePointer<Double>, jobs: Int,
    _ body: (_ matrix: UnsafePointer<Double>, _ rows: Range<Int>, _ c: Int, _ d: Int, _ v: UnsafePointer<Double>, _ u: UnsafePointer<Double>) -> Void
  ) {
    let n = width
    weights.withUnsafeBufferPointer { w in
      let matrix = w.baseAddress! + layer * n * n
      var block = 0
      while block < n {
        let end = Swift.min(block + Self.rowBlock, n)
        var c = 0
        while c < jobs {
          let d = Swift.min(c + 1, jobs - 1)
          body(matrix, block..<end, c, d, vs + c * n, vs + d * n)
          c += 2
        }
        block = end
      }
    }
  }
}
