import LossAtlasCore
import LossAtlasVerification

/// How the errata words the formula check (LossAtlasVerification computes it).
extension FormulaCheck {
  /// The evidence sentence of the errata.
  var summary: String {
    "\(Readable.count(components)) components (values, every gradient and Jacobian entry, and f″ for the \(secondDerivatives) functions that print one) compared at \(Readable.count(points)) argument points in this run; largest difference \(Readable.number(worst, digits: 2)) of max(|value|, 1), at \(Self.text(worstAt))"
      + (missing.isEmpty ? "" : "; NOT COMPARED: " + missing.joined(separator: ", "))
  }

  /// `huber grad.yhat at {delta = 1} yhat = 3, y = 1`, `gelu f″ at x = 0.5`, or — when nothing was compared.
  static func text(_ place: Place) -> String {
    switch place {
    case .none: return "—"
    case .component(let id, let path, let parameters, let arguments):
      return "\(id) \(path) at \(coordinates(parameters: parameters, arguments: arguments))"
    case .secondDerivative(let id, let argument, let x): return "\(id) f″ at \(argument) = \(Readable.number(x))"
    }
  }

  /// `{delta = 1} yhat = 3, y = 1` with readable numbers.
  static func coordinates(parameters: [String: Double], arguments: [String: ArgumentValue]) -> String {
    let p = parameters.keys.sorted().map { "\($0) = \(Readable.number(parameters[$0]!))" }
    let a = arguments.keys.sorted().map { key -> String in
      switch arguments[key]! {
      case .real(let v): return "\(key) = \(Readable.number(v))"
      case .integer(let k): return "\(key) = \(k)"
      case .vector(let v): return "\(key) = [" + v.map { Readable.number($0) }.joined(separator: ", ") + "]"
      }
    }
    return (p.isEmpty ? "" : "{" + p.joined(separator: ", ") + "} ") + a.joined(separator: ", ")
  }
}
