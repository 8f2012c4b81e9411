import LossAtlasCore

/// The error for a NaN answer, which is never printed as a number.
public enum NaNAnswer {
  /// Why `spec` answered NaN `where` ("at these arguments", "at x = -1.0"),
  /// and what to do.
  ///
  /// A catalog function is NaN nowhere inside its domain, so a NaN is a bug
  /// in LossAtlas. A user function (one the catalog does not hold) keeps a
  /// NaN of its Double evaluation only where the exact fallback (128, then
  /// 512 bits) does not replace it: where the formula has no real value
  /// (`log(x)` at x = -1, inside the default domain, all reals), or where
  /// an intermediate lies beyond that arithmetic's range, so it cannot
  /// decide (`exp(exp(x)) - exp(exp(x))` at x = 800, whose exact value is
  /// 0). The message names both, and the remedy for either: a domain that
  /// leaves such inputs out.
  public static func message(_ spec: FunctionSpec, _ where: String, reportWith: String) -> String {
    guard !Catalog.all.contains(where: { $0.id == spec.id }) else {
      return "\(spec.id) computed NaN \(`where`), which is a bug in LossAtlas: please report it with \(reportWith)"
    }
    return "the formula of \(spec.id) gives NaN \(`where`): it has no real value there, or an intermediate "
      + "beyond the range of LossAtlas's 512-bit arithmetic; give its arguments' domain in the functions file "
      + "(domain: {ARG: \"(a, b)\"}) to leave such inputs out"
  }
}
