/// A binary floating-point format by its shape (IEEE 754 binary16, 32, 64):
/// what a view's exact rounding (``ScalarView/exactRounding``) rounds into.
/// Core names the shape only; the precision study's formats map onto it.
public struct BinaryFormat: Sendable, Hashable {
  /// Stored significand bits (10, 23, 52): a binade holds 2^bits values.
  public let significandBits: Int
  /// The exponent of the largest binade (15, 127, 1023); the smallest
  /// normal number is 2^(1 - maxExponent), the smallest subnormal
  /// 2^(1 - maxExponent - significandBits).
  public let maxExponent: Int

  public init(significandBits: Int, maxExponent: Int) {
    self.significandBits = significandBits
    self.maxExponent = maxExponent
  }

  public static let binary16 = BinaryFormat(significandBits: 10, maxExponent: 15)
  public static let binary32 = BinaryFormat(significandBits: 23, maxExponent: 127)
  public static let binary64 = BinaryFormat(significandBits: 52, maxExponent: 1023)
}

/// Which number of a view's jet an exact rounding is asked for.
public enum ExactPart: Sendable, Hashable {
  case value
  /// f'
  case derivative
}
