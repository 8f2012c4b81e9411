/// f(x) for the vector prediction x with every other argument fixed: the
/// value ``FunctionSpec/value(_:_:)`` gives, bit for bit, at the other
/// arguments the line was built from and the prediction `x`; nil exactly
/// where that evaluation throws (or returns nil).
///
/// Built once per setting of the other arguments (their names looked up
/// once, anything that depends on them alone computed once), then called
/// with the prediction alone, reusing its own scratch storage from call to
/// call: not `Sendable`, one line per thread.
public typealias ValueLine = ([Double]) -> Double?

extension FunctionSpec {
  /// The same entry with a value line (see ``valueLine``): `line(p, others)`
  /// is called with validated parameters and the other arguments (the
  /// prediction's entry, if any, is ignored); the line it returns must give
  /// exactly `value(p, others with the prediction x)` for every x, and nil
  /// where that throws.
  public func withValueLine(_ line: @escaping @Sendable (ParameterValues, ArgumentValues) -> ValueLine) -> FunctionSpec {
    var copy = self
    copy.valueLine = line
    return copy
  }
}

/// f(x) for the vector prediction x at several parameter settings, the
/// other arguments fixed: `line(x, &values)` sets `values[k]` (the array
/// has one entry per setting) to ``FunctionSpec/value(_:_:)`` at setting k,
/// the other arguments the line was built from and the prediction `x`, bit
/// for bit; NaN where that evaluation throws, returns nil or gives NaN
/// (the whole-domain search treats the three alike: no value).
///
/// What does not depend on the parameters (triplet-margin's distances,
/// cosine-embedding's norms and dot product, tversky's sums) is formed once
/// per x for all settings. Not `Sendable`, one line per thread, like
/// ``ValueLine``.
public typealias SettingsLine = ([Double], inout [Double]) -> Void

extension FunctionSpec {
  /// The same entry with a settings line (see ``settingsLine``):
  /// `line(settings, others)` is called with validated parameter settings
  /// and the other arguments (the prediction's entry, if any, is ignored);
  /// the line it returns must set `values[k]` to exactly
  /// `value(settings[k], others with the prediction x)` for every x, NaN
  /// where that throws or is nil.
  public func withSettingsLine(
    _ line: @escaping @Sendable ([ParameterValues], ArgumentValues) -> SettingsLine
  ) -> FunctionSpec {
    var copy = self
    copy.settingsLine = line
    return copy
  }
}
