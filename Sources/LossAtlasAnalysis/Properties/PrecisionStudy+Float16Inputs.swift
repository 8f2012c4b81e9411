import LossAtlasCore

extension PrecisionStudy {
  /// The Float16 inputs of one direction of a view without an exact
  /// rounding, each evaluated once, with its value's and derivative's
  /// roundings (``PrecisionStudy/rounding(_:at:isValue:format:view:)``)
  /// computed once and shared by the rows that read them.
  ///
  /// A row tests every input (at most 31,744), so its flags are made here
  /// in one loop over these arrays (``row(_:target:offset:)``), not through
  /// ``ThresholdSearch``'s predicate closure, called once an input with
  /// its captures unpacked each time.
  struct Float16Inputs {
    let xs: [Double]
    /// Empty when no row reads the value (the derivative).
    let valueRoundings: [Rounding?]
    let derivativeRoundings: [Rounding?]

    /// Evaluates `view` at every input of `all` (in index order), rounding
    /// the value when `value` and the derivative when `derivative`.
    /// The inputs come decoded from ``sharedInputs(_:)``.
    init(_ all: FormatInputs, view: ScalarView, value: Bool, derivative: Bool) {
      let f = view.evaluate
      let xs = Self.sharedInputs(all)
      let n = xs.count
      var values: [Rounding?] = []
      var derivatives: [Rounding?] = []
      values.reserveCapacity(value ? n : 0)
      derivatives.reserveCapacity(derivative ? n : 0)
      for i in 0..<n {
        let x = xs[i]
        let j = f(x)
        if value { values.append(Self.rounding(j.value, at: x, isValue: true, view: view)) }
        if derivative { derivatives.append(Self.rounding(j.d1, at: x, isValue: false, view: view)) }
      }
      self.xs = xs
      self.valueRoundings = values
      self.derivativeRoundings = derivatives
    }

    /// ``PrecisionStudy/rounding(_:at:isValue:format:view:)`` in Float16,
    /// with its common case inline (the study rounds 63,488 results a
    /// direction, most of them far from a rounding boundary): a result
    /// that is not NaN and that ``Binary16Bits/roundIfCertain(_:)``
    /// decides is rounded with certainty, which is the answer of
    /// ``NumberFormat/roundExact(_:)``'s first step, and a certain rounding
    /// never reads the refined value. Every other result (NaN, near a
    /// boundary, |d| in [2⁻²⁶, 2⁻¹⁴)) takes the full routine.
    @inline(__always)
    static func rounding(_ d: Double, at x: Double, isValue: Bool, view: ScalarView) -> Rounding? {
      if !d.isNaN, let certain = Binary16Bits.roundIfCertain(d) { return (certain, .certain) }
      return PrecisionStudy.rounding(d, at: x, isValue: isValue, format: .float16, view: view)
    }

    /// One row's predicate at every input, in index order, with the ties
    /// and uncertain roundings it met: the input rounds to `target` (to
    /// itself for `.valueEqualsInput`); where `offset` decides a tie of
    /// f(x) = x + c + r, its answer (counted as a tie); NaN never rounds.
    func row(_ kind: PrecisionThreshold.Kind, target: Double, offset: AsymptoticOffset?) -> (
      flags: [Bool], ties: Int, uncertain: Int
    ) {
      let roundings = kind.isValue ? valueRoundings : derivativeRoundings
      let toInput = kind == .valueEqualsInput
      var ties = 0
      var uncertain = 0
      let flags = [Bool](unsafeUninitializedCapacity: xs.count) { flags, filled in
        for i in xs.indices {
          let x = xs[i]
          if let offset, let decided = offset.decides(x, .float16) {
            ties += 1
            flags[i] = decided
            continue
          }
          guard let r = roundings[i] else {
            flags[i] = false
            continue
          }
          switch r.certainty {
          case .certain: break
          case .exactTie: ties += 1
          case .uncertain: uncertain += 1
          }
          flags[i] = toInput ? r.value == x : r.value == target
        }
        filled = xs.count
      }
      return (flags, ties, uncertain)
    }
  }
}
