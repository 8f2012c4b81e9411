// Numbers kept as mantissa * 2^n, so that a product of tiny factors
// keeps every digit until one final rounding.

// MARK: - Mantissa * 2^n

extension StableMath {
  /// A positive number `mantissa * 2^exponent` with a double-double mantissa
  /// (about 106 bits), so that a product of tiny factors such as
  /// e^-720 * e^-30 keeps every digit until the one final rounding.
  ///
  /// A zero mantissa stands for 0 (an exp whose argument is below -50000);
  /// the exponent is then 0.
  public struct MantissaExponent: Sendable, Equatable {
    public var mantissa: DoubleDouble
    public var exponent: Int

    @inlinable
    public init(_ mantissa: DoubleDouble, _ exponent: Int = 0) {
      self.mantissa = mantissa
      self.exponent = exponent
    }

    /// 0 (also what an exp below e^-50000 returns).
    public static let zero = MantissaExponent(DoubleDouble(0), 0)
    /// 1 = 1 * 2^0.
    public static let one = MantissaExponent(DoubleDouble(1), 0)

    /// Whether the number is 0.
    @inlinable
    public var isZero: Bool { mantissa.hi == 0 }

    /// The nearest Double (one rounding of hi + lo, then the exact scaling;
    /// at most one more rounding when the result is subnormal).
    @inlinable
    public var value: Double { StableMath.scaleByPowerOfTwo(mantissa.hi + mantissa.lo, exponent) }

    /// The value as a DoubleDouble (exact scaling of both parts; the low part
    /// may underflow, which costs nothing relative to a normal high part).
    @inlinable
    public var doubleDouble: DoubleDouble {
      DoubleDouble(
        StableMath.scaleByPowerOfTwo(mantissa.hi, exponent), StableMath.scaleByPowerOfTwo(mantissa.lo, exponent))
    }

    /// The product: mantissas multiplied in double-double (about 2^-104
    /// relative error), exponents added; nothing underflows.
    @inlinable
    public static func * (a: MantissaExponent, b: MantissaExponent) -> MantissaExponent {
      MantissaExponent(a.mantissa * b.mantissa, a.exponent + b.exponent)
    }

    /// The product with a double-double of moderate size (the caller keeps
    /// it away from the under/overflow range).
    @inlinable
    public static func * (a: MantissaExponent, b: DoubleDouble) -> MantissaExponent {
      MantissaExponent(a.mantissa * b, a.exponent)
    }
  }

  /// `v * 2^e` for any Int e, with one rounding (IEEE scalbn semantics):
  /// overflow gives ±inf, underflow a correctly rounded subnormal or 0.
  /// Written with multiplications by exact powers of two (no libm call).
  ///
  /// Always inlined: the common case (2^e a normal Double) is one integer
  /// shift and one multiplication; the rest is a call. Whole, the function
  /// was too large to inline and cost a call in the kernels' hot loops.
  @inlinable @inline(__always)
  public static func scaleByPowerOfTwo(_ v: Double, _ e: Int) -> Double {
    if e >= -1022 && e <= 1023 { return v * powerOfTwo(e) }
    return scaleByPowerOfTwoOutOfRange(v, e)
  }

  /// ``scaleByPowerOfTwo(_:_:)`` where 2^e is not a normal Double
  /// (e < -1022 or e > 1023).
  @usableFromInline @inline(never)
  static func scaleByPowerOfTwoOutOfRange(_ v: Double, _ e: Int) -> Double {
    if v == 0 || !v.isFinite { return v }
    // v = m 2^ev with m in [1, 2): the result is m 2^(e + ev), formed
    // exactly when normal, and as (m 2^-600) 2^(e + ev + 600) when
    // subnormal (the first product exact, the second rounding once).
    let total = e + Int(v.exponent)
    let m = v < 0 ? -v.significand : v.significand
    if total > 1023 { return m * .infinity }
    if total >= -1022 { return m * powerOfTwo(total) }
    if total < -1076 { return m * 0 }
    return m * 0x1p-600 * powerOfTwo(total + 600)
  }

  /// 2^e for -1022 <= e <= 1023, built from its bit pattern.
  @inlinable
  static func powerOfTwo(_ e: Int) -> Double {
    Double(bitPattern: UInt64(e + 1023) << 52)
  }
}
