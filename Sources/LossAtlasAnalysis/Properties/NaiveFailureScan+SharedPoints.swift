import LossAtlasCore
import LossAtlasParallel

extension NaiveFailureScan {
  /// ``scanPoints(centre:direction:domain:)``, made once per centre,
  /// direction and domain and shared by every function scanned there.
  ///
  /// The scan points do not depend on the function: they are a pure
  /// function of the plot centre, the direction and the view's domain, and
  /// most catalog functions with a naive formula scan the same few
  /// (centre 0 on the real line: about 21,000 points a direction, built by a
  /// loop of additions, a domain test and an append per point). The key is
  /// the centre's and the ends' bit patterns (−0 and +0 start different
  /// scans: the first point is the centre itself), so a shared array is
  /// always the one the direct call builds.
  static func sharedScanPoints(centre: Double, direction: Int, domain: RealInterval) -> [Double] {
    let key = ScanKey(
      centre: centre.bitPattern, direction: direction, lower: domain.lower.bitPattern, lowerClosed: domain.lowerClosed,
      upper: domain.upper.bitPattern, upperClosed: domain.upperClosed)
    return scanMemo.value(key) { scanPoints(centre: centre, direction: direction, domain: domain) }
  }

  /// What the scan points are a function of, by bits.
  struct ScanKey: Hashable {
    let centre: UInt64
    let direction: Int
    let lower: UInt64
    let lowerClosed: Bool
    let upper: UInt64
    let upperClosed: Bool
  }

  /// At most 64 scans are kept (about 170 KiB each toward an infinite
  /// end), so a process scanning many user functions at distinct centres
  /// does not grow without bound; past that they are built each time.
  private static let scanMemo = Memo<ScanKey, [Double]>(capacity: 64)
}
