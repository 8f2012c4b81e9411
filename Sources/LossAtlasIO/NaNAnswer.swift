import LossAtlasCore

/// The error for a NaN answer, which is never printed as a number.
public enum NaNAnswer {
  /// Why `spec` answered NaN `where` ("at these arguments", "at x = -1.0"),
  /// and what to do.
  ///
  /// A catalog function is NaN nowhere inside its domain, so a NaN is a bug
  /// in LossAtlas. A user function (one the catalog does not hold) answers
  /// NaN where its formula has no real value even in exact arithmetic
  /// (`log(x)` at x = -1, inside the default domain, all reals): the
  /// input, not LossAtlas, is at fault, and its domain excludes it.
  public static func message(_ spec: FunctionSpec, _ where: String, reportWith: String) -> String {
    guard !Catalog.all.contains(where: { $0.id == spec.id }) else {
      return "\(spec.id) computed NaN \(`where`), which is a bug in LossAtlas: please report it with \(reportWith)"
    }
    return "the formula of \(spec.id) has no real value \(`where`) (NaN, in exact arithmetic too): "
      + "give its arguments' domain in the functions file (domain: {ARG: \"(a, b)\"}) to leave such inputs out"
  }
}
