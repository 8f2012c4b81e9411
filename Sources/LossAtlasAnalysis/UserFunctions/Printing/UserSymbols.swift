import LossAtlasCore

/// How a user's argument or parameter name prints in formulas: a Greek
/// letter's name as the letter (alpha -> α), `yhat` as ŷ, a letter and
/// digits as a subscript (x1 -> x₁), one letter as itself, and any other
/// name upright (\mathrm{margin}).
enum UserSymbols {
  static let greek: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
  ]

  static func symbol(_ name: String) -> Symbol {
    if let letter = greek[name] { return .greek(name, letter) }
    if name == "yhat" {
      return Symbol(name, latex: "\\hat{y}", mathml: "<mover accent=\"true\"><mi>y</mi><mo>^</mo></mover>")
    }
    if name.count == 1 { return .latin(name) }
    // A letter followed by digits: x1 -> x_{1}.
    if let first = name.first, first.isLetter, name.dropFirst().allSatisfy(\.isNumber) {
      let digits = String(name.dropFirst())
      return Symbol(name, latex: "\(first)_{\(digits)}", mathml: "<msub><mi>\(first)</mi><mn>\(digits)</mn></msub>")
    }
    return Symbol(name, latex: "\\mathrm{\(latexEscaped(name))}", mathml: "<mi>\(name)</mi>")
  }

  /// `_` escaped for LaTeX text.
  static func latexEscaped(_ s: String) -> String {
    s.replacingOccurrences(of: "_", with: "\\_")
  }
}
