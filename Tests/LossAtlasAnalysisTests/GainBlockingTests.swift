import Foundation
@testable import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The blocked products of the gain simulation (a block of rows of W read
/// once for all the jobs) against the products one job at a time as they
/// were, kept verbatim below, bit for bit. Since session 22 the forward
/// product's second pass (a_2, a_3) runs after the first (a_0, a_1) has
/// covered the whole block; these tests fail if the two passes' sums are
/// combined in another order (mutation tried: the lanes of
/// ``GainSimulation/Draws/dotTotal(first:second:)`` as (l0 + l2) + (l1 + l3)).
@Suite struct GainBlockingTests {
  // MARK: The code as it was (main 8fe79c5), verbatim but for `draws.`

  /// Draws.multiply as it was: jobs outermost, each job's product over the
  /// whole matrix (the transposed product four rows at a time).
  static func referenceMultiply(_ draws: GainSimulation.Draws, layer: Int, _ vs: [[Double]], transposed: Bool, scales: [Double]) -> [[Double]] {
    let n = draws.width
    var outs = [[Double]](repeating: [Double](repeating: 0, count: n), count: vs.count)
    let stride = MemoryLayout<Double>.stride
    draws.weights.withUnsafeBufferPointer { w in
      let base = UnsafeRawPointer(w.baseAddress! + layer * n * n)
      for c in vs.indices {
        vs[c].withUnsafeBufferPointer { v in
          outs[c].withUnsafeMutableBufferPointer { out in
            let vp = UnsafeRawPointer(v.baseAddress!)
            let op = UnsafeMutableRawPointer(out.baseAddress!)
            if transposed {
              // out_j += W_ij v_i for i = 0, 1, ..., n - 1 in that order:
              // rows i ... i + 3 are added to a lane of out while it is in
              // a register (the same additions in the same order as one
              // row at a time, with a quarter of the loads and stores).
              var i = 0
              while i + 4 <= n {
                let r0 = base + i * n * stride
                let r1 = r0 + n * stride
                let r2 = r1 + n * stride
                let r3 = r2 + n * stride
                let v0 = SIMD4<Double>(repeating: v[i])
                let v1 = SIMD4<Double>(repeating: v[i + 1])
                let v2 = SIMD4<Double>(repeating: v[i + 2])
                let v3 = SIMD4<Double>(repeating: v[i + 3])
                var j = 0
                while j < n {
                  let b = j * stride
                  var o = op.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self)
                  o = o + r0.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self) * v0
                  o = o + r1.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self) * v1
                  o = o + r2.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self) * v2
                  o = o + r3.loadUnaligned(fromByteOffset: b, as: SIMD4<Double>.self) * v3
                  op.storeBytes(of: o, toByteOffset: b, as: SIMD4<Double>.self)
                  j += 4
                }
                i += 4
              }
              // Rows left over (none: the width is a multiple of 4).
              while i < n {
                let row = base + i * n * stride
                let vi = SIMD4<Double>(repeating: v[i])
                var j = 0
                while j < n {
                  let o = op.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                  let a = row.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                  op.storeBytes(of: o + a * vi, toByteOffset: j * stride, as: SIMD4<Double>.self)
                  j += 4
                }
                i += 1
              }
            } else {
              for i in 0..<n {
                let row = base + i * n * stride
                // out_i = sum_j W_ij v_j: four vector accumulators of four
                // lanes (16 partial sums, so that the additions do not wait
                // on each other), added in a fixed order at the end.
                var a0 = SIMD4<Double>(repeating: 0)
                var a1 = a0
                var a2 = a0
                var a3 = a0
                var j = 0
                while j + 16 <= n {
                  let o = j * stride
                  a0 += row.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                  a1 += row.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD4<Double>.self)
                  a2 += row.loadUnaligned(fromByteOffset: o + 8 * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o + 8 * stride, as: SIMD4<Double>.self)
                  a3 += row.loadUnaligned(fromByteOffset: o + 12 * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: o + 12 * stride, as: SIMD4<Double>.self)
                  j += 16
                }
                while j < n {
                  a0 += row.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                    * vp.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                  j += 4
                }
                let acc = (a0 + a1) + (a2 + a3)
                out[i] = (acc[0] + acc[1]) + (acc[2] + acc[3])
              }
            }
            for i in 0..<n { out[i] *= scales[c] }
          }
        }
      }
    }
    return outs
  }

  /// layerRatios as it was: one array per job, the products one job at a time.
  static func referenceLayerRatios(_ jobs: [GainSimulation.Job], seed: UInt64, settings: GainSimulation.Settings) -> [[Double]] {
    let n = settings.width
    let depth = settings.depth
    let draws = GainSimulation.Draws(seed: seed, width: n, depth: depth)
    let scales = jobs.map { ($0.initialization.weightVariance / Double(n)).squareRoot() }
    // h[c]: job c's pre-activations at the current layer (layer 1 first).
    var h = jobs.map { job in draws.start.map { $0 * job.q.squareRoot() } }
    var x = [[Double]](repeating: [Double](repeating: 0, count: n), count: jobs.count)
    // slopes[c][l * n + i]: f'(h^(l+1)_i) of job c.
    var slopes = [[Double]](repeating: [Double](repeating: 0, count: n * depth), count: jobs.count)
    for l in 0..<depth {
      for c in jobs.indices {
        let f = jobs[c].view.evaluate
        h[c].withUnsafeBufferPointer { pre in
          x[c].withUnsafeMutableBufferPointer { out in
            slopes[c].withUnsafeMutableBufferPointer { slope in
              for i in 0..<n {
                let jet = f(pre[i])
                out[i] = jet.value
                slope[l * n + i] = jet.d1
              }
            }
          }
        }
      }
      if l + 1 < depth { h = Self.referenceMultiply(draws, layer: l, x, transposed: false, scales: scales) }
    }
    var delta = [[Double]](repeating: draws.top, count: jobs.count)
    var norms = [[Double]](repeating: [Double](repeating: 0, count: depth + 1), count: jobs.count)
    for c in jobs.indices { norms[c][depth] = GainSimulation.squaredNorm(delta[c]) }
    for l in stride(from: depth - 1, through: 0, by: -1) {
      delta = Self.referenceMultiply(draws, layer: l, delta, transposed: true, scales: scales)
      for c in jobs.indices {
        slopes[c].withUnsafeBufferPointer { slope in
          delta[c].withUnsafeMutableBufferPointer { d in
            for i in 0..<n { d[i] *= slope[l * n + i] }
          }
        }
        norms[c][l] = GainSimulation.squaredNorm(delta[c])
      }
    }
    return norms.map { nc in (0..<depth).map { l in nc[l] / nc[l + 1] } }
  }

  // MARK: Inputs

  /// Mostly uniform in [-1, 1), and now and then a hostile value: ±0,
  /// subnormals, the smallest normal, values whose products overflow or
  /// underflow, exact halves (rounding ties in the sums), and, rarely
  /// enough that most sums stay finite, ±inf and NaN.
  static func value(_ rng: inout SplitMix64, hostile: Double) -> Double {
    let u = rng.nextUnit()
    guard u < hostile else { return 2 * rng.nextUnit() - 1 }
    let pick = rng.next() % 16
    let sign: Double = rng.next() & 1 == 0 ? 1 : -1
    switch pick {
    case 0, 1: return sign * 0
    case 2, 3: return sign * .leastNonzeroMagnitude * Double(rng.next() % 1000 + 1)
    case 4: return sign * .leastNormalMagnitude
    case 5: return sign * 0x1p-1060  // subnormal
    case 6: return sign * 1e300
    case 7: return sign * 1e-300
    case 8, 9: return sign * (0.5 + Double(rng.next() % 8))
    case 10: return sign * (1 + 0x1p-52)
    case 11: return sign * 0x1p-53
    case 12: return rng.nextUnit() < 0.2 ? sign * .infinity : sign * .greatestFiniteMagnitude
    case 13: return rng.nextUnit() < 0.2 ? .nan : -0.0
    default: return sign * .ulpOfOne
    }
  }

  /// Equal bit for bit; NaNs equal whatever their payload and sign (which
  /// operand's NaN an addition passes on is the compiler's choice).
  static func same(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
  }

  /// The blocked product of the code under test, with the arrays of arrays
  /// of the reference.
  static func blocked(_ draws: GainSimulation.Draws, layer: Int, _ vs: [[Double]], transposed: Bool, scales: [Double]) -> [[Double]] {
    let n = draws.width
    let flat = vs.flatMap { $0 }
    var out = [Double](repeating: .nan, count: flat.count)
    flat.withUnsafeBufferPointer { v in
      out.withUnsafeMutableBufferPointer { o in
        if transposed {
          draws.transposed(layer: layer, v.baseAddress!, o.baseAddress!, jobs: vs.count, scales: scales)
        } else {
          draws.forward(layer: layer, v.baseAddress!, o.baseAddress!, jobs: vs.count, scales: scales)
        }
      }
    }
    return vs.indices.map { c in Array(out[c * n..<(c + 1) * n]) }
  }

  @Test("the blocked products W v and W^T v equal the products one job at a time bit for bit: widths 4 to 256 (multiples of 16 and not), 1, 2, 3, 7, 8 and 51 jobs, three layers, hostile matrices and vectors (±0, subnormals, overflow, ties, ±inf, NaN)")
  func blockedProductsMatchTheReference() {
    var rng = SplitMix64(seed: 20261207)
    var compared = 0
    var nonFinite = 0
    var zeros = 0
    var ordinary = 0
    for width in [4, 8, 12, 20, 32, 36, 64, 256] {
      for jobs in [1, 2, 3, 7, 8, 51] {
        for hostile in [0.0, 0.01, 0.2] {
          let depth = 3
          let weights = (0..<(width * width * depth)).map { _ in Self.value(&rng, hostile: hostile) }
          let draws = GainSimulation.Draws(width: width, weights: weights, start: [], top: [])
          let vs = (0..<jobs).map { _ in (0..<width).map { _ in Self.value(&rng, hostile: hostile) } }
          let scales = (0..<jobs).map { _ in [0.0884, 0.0625, 1, -0.0, 1e-310, 3][Int(rng.next() % 6)] }
          for layer in 0..<depth {
            for transposed in [false, true] {
              let fast = Self.blocked(draws, layer: layer, vs, transposed: transposed, scales: scales)
              let reference = Self.referenceMultiply(draws, layer: layer, vs, transposed: transposed, scales: scales)
              for c in 0..<jobs {
                for i in 0..<width {
                  let (a, b) = (fast[c][i], reference[c][i])
                  #expect(Self.same(a, b), "width \(width), \(jobs) jobs, layer \(layer), transposed \(transposed), job \(c), element \(i): \(a) vs \(b)")
                  compared += 1
                  nonFinite += a.isFinite ? 0 : 1
                  zeros += a == 0 ? 1 : 0
                  ordinary += a.isFinite && a != 0 ? 1 : 0
                }
              }
            }
          }
        }
      }
    }
    // The hostile values reached the outputs, and many outputs are ordinary numbers.
    #expect(nonFinite > 0 && zeros > 0 && ordinary > compared / 4, "\(nonFinite) not finite, \(zeros) zeros, \(ordinary) ordinary of \(compared)")
  }

  @Test("layerRatios equals the job-at-a-time code as it was, bit for bit (NaN included): catalog activations alone, 3 together, all of them (odd and even counts), width 256 and 36, several seeds")
  func layerRatiosMatchTheOldCode() throws {
    let activations = Catalog.all.filter { $0.family == .activation }
    var all: [GainSimulation.Job] = []
    var ids: [String] = []
    for spec in activations {
      for initialization in WeightInit.allCases {
        let g = GradientGain.compute(spec.primaryView, initialization: initialization)
        all.append(GainSimulation.Job(view: spec.primaryView, initialization: initialization, q: g.q))
        ids.append(spec.id)
      }
    }
    let relu = try #require(ids.firstIndex(of: "relu"))
    let batches: [[GainSimulation.Job]] = [[all[relu]], Array(all[3..<6]), all, Array(all.dropLast())]
    var compared = 0
    for batch in batches {
      for settings in [
        GainSimulation.Settings(width: 256, depth: 6, seeds: [1, 4]), GainSimulation.Settings(width: 36, depth: 9, seeds: [2]),
      ] {
        for seed in settings.seeds {
          let fast = GainSimulation.layerRatios(batch, seed: seed, settings: settings)
          let reference = Self.referenceLayerRatios(batch, seed: seed, settings: settings)
          #expect(fast.count == reference.count)
          for (c, (a, b)) in zip(fast, reference).enumerated() {
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(batch[c].view.label) \(batch[c].initialization) width \(settings.width) seed \(seed)")
            compared += a.count
          }
        }
      }
    }
    #expect(compared > 1000)
  }
}
