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
