import LossAtlasCore
import LossAtlasParallel

extension PrecisionStudy.Float16Inputs {
  /// The Float16 inputs of `all` in index order (`all.x(i)` for every
  /// index i), decoded once per first ordinal, direction and count and
  /// shared by every view studied there.
  ///
  /// The inputs do not depend on the view: ``FormatInputs`` is its format,
  /// direction, first ordinal and count, and most views start from the
  /// same centre (0) over the same domain (the real line), so the same
  /// 31,744 Float16 values a direction were decoded again for each of them.
  static func sharedInputs(_ all: FormatInputs) -> [Double] {
    precondition(all.format == .float16, "only Float16's inputs are decoded one by one")
    let key = InputsKey(direction: all.direction, firstOrdinal: all.firstOrdinal, count: all.count)
    return inputsMemo.value(key) { (0..<all.count).map { all.x($0) } }
  }

  /// What a Float16 ``FormatInputs`` is a function of.
  struct InputsKey: Hashable {
    let direction: Int
    let firstOrdinal: Int64
    let count: UInt64
  }

  /// At most 64 lists are kept (at most 31,744 Doubles, 248 KiB, each).
  private static let inputsMemo = Memo<InputsKey, [Double]>(capacity: 64)
}
