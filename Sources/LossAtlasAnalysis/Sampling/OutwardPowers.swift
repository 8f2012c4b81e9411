import LossAtlasCore
import LossAtlasParallel

/// The powers of ten that ``ViewSamples/outward(from:toward:closed:)``
/// steps through, computed once instead of once per view sampling (each
/// infinite side took about 6,000 calls to `pow`, hundreds of samplings
/// a run). The values are those of the same `pow` calls in the same order,
/// so the points built from them keep their bits.
enum OutwardPowers {
  /// 10^-k for k = 1, 1.25, ..., 300 (element i for k = 1 + i/4): the
  /// fractions of the gap toward a finite domain end. Quarters up to 300
  /// are exact in binary, so k here is the k of every sampling.
  static let gapFractions: [Double] = {
    var fractions: [Double] = []
    var k = 1.0
    while k <= 300 {
      fractions.append(pow(10, -k))
      k += 0.25
    }
    return fractions
  }()

  /// 10^k for k = k0, k0 + 0.05, ... while k <= 300, where each k is the
  /// previous one plus 0.05 rounded (0.05 is not a binary fraction, so the
  /// sequence, and its powers, depend on k0's bits): the distances toward
  /// an infinite domain end. Memoised by k0's bits (k0 = ceil(20 log10 d)/20
  /// for the search edge's distance d >= 1 took 12 values over the 666
  /// infinite sides of a `generate` run; there are at most 6,001 with
  /// k0 <= 300, about 24 KiB each on average); empty when k0 > 300 or NaN.
  static func decades(from k0: Double) -> [Double] {
    guard k0 <= 300 else { return [] }
    return memo.value(k0.bitPattern) {
      var powers: [Double] = []
      var k = k0
      while k <= 300 {
        powers.append(pow(10, k))
        k += 0.05
      }
      return powers
    }
  }

  /// At most 512 sequences are kept (about 12 MiB), so a process sampling
  /// views at thousands of distinct edges (a library user's own views) does
  /// not grow without bound; past that they are made each time.
  private static let memo = Memo<UInt64, [Double]>(capacity: 512)
}
