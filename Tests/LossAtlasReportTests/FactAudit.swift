import Foundation
import LossAtlasAnalysis
import LossAtlasCore
@testable import LossAtlasReport
import TestSupport
import Testing

// MARK: - The harness

/// One fact the manual prints, read from `html/data/properties.json` as the
/// generator wrote it, and the same fact recomputed by a second,
/// independent method (a closed form, an identity, another quadrature,
/// bisection or a search written apart from the engine's, a sort instead of
/// a selection).
struct AuditedFact: CustomStringConvertible, Sendable {
  /// What the fact is: `mean output of relu`.
  let id: String
  let printed: Double
  let recomputed: Double
  /// The second method, as a reader would name it.
  let method: String
  /// |printed − recomputed| allowed: absolute, and relative to their size.
  let absolute: Double
  let relative: Double

  init(_ id: String, printed: Double, recomputed: Double, method: String, absolute: Double = 0, relative: Double = 0) {
    self.id = id
    self.printed = printed
    self.recomputed = recomputed
    self.method = method
    self.absolute = absolute
    self.relative = relative
  }

  var agrees: Bool {
    if printed == recomputed { return true }
    guard printed.isFinite && recomputed.isFinite else { return false }
    return abs(printed - recomputed) <= max(absolute, relative * max(abs(printed), abs(recomputed)))
  }

  var description: String {
    "\(id): printed \(printed), recomputed \(recomputed) by \(method) (allowed \(absolute) abs, \(relative) rel)"
  }
}

/// The manual's `html/data/properties.json` (from the generation ManualTests
/// runs), with the look-ups the audit needs.
struct PrintedProperties: Sendable {
  let root: JSONValue

  static let shared: PrintedProperties = {
    guard let file = ManualTests.byPath["html/data/properties.json"],
      let root = try? JSONValue.parse(String(decoding: file.bytes, as: UTF8.self))
    else { fatalError("html/data/properties.json was not generated or does not parse") }
    return PrintedProperties(root: root)
  }()

  func function(_ id: String) -> JSONValue? {
    guard case .array(let list)? = root["functions"] else { return nil }
    return list.first { $0["id"] == .string(id) }
  }

  /// The setting at `parameters` (the catalog's defaults when nil).
  func setting(_ id: String, _ parameters: [String: Double]? = nil) -> JSONValue? {
    guard let spec = try? Catalog.function(named: id), case .array(let settings)? = function(id)?["settings"] else {
      return nil
    }
    let wanted = parameters.map { p in spec.defaultParameters.values.merging(p) { $1 } } ?? spec.defaultParameters.values
    return settings.first { s in
      wanted.allSatisfy { name, value in s["params"]?[name]?.doubleValue == value }
    }
  }

  func view(_ id: String, _ parameters: [String: Double]? = nil, index: Int = 0) -> JSONValue? {
    guard case .array(let views)? = setting(id, parameters)?["views"], index < views.count else { return nil }
    return views[index]
  }

  func facts(_ id: String) -> JSONValue? { function(id)?["facts"] }
}

extension JSONValue {
  /// The element at `i` of an array.
  subscript(i: Int) -> JSONValue? {
    guard case .array(let items) = self, items.indices.contains(i) else { return nil }
    return items[i]
  }
}

/// The registry: each entry reads its facts from the printed properties
/// and recomputes them. Other facts (precision thresholds, naive-formula
/// failures) join by adding an entry here.
enum FactAudit {
  typealias Entry = (name: String, audit: @Sendable (PrintedProperties) throws -> [AuditedFact])

  static let registry: [Entry] = [
    ("mean outputs", meanOutputs),
    ("gradient gains", gains),
    ("extrema and ranges", extrema),
    ("max |f′|", maxSlopes),
    ("saturation thresholds and flat zones", saturation),
    ("gradient through depth, weights set aside", depth),
    ("whole-domain witnesses", domainWitnesses),
  ]

  /// Every audited fact, entry by entry.
  static let all: [(entry: String, facts: [AuditedFact])] = registry.map { entry in
    do {
      return (entry.name, try entry.audit(.shared))
    } catch {
      Issue.record("\(entry.name): \(error)")
      return (entry.name, [])
    }
  }

  struct Missing: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
  }

  static func number(_ v: JSONValue?, _ what: String) throws -> Double {
    guard let x = v?.doubleValue else { throw Missing("\(what) is not printed") }
    return x
  }
}

@Suite("FactAudit: every printed fact against a second method")
struct FactAuditTests {
  @Test("at least 100 facts are audited, 60 of them gains, mean outputs, extrema, slopes, saturation and depth")
  func coverage() {
    let counts = FactAudit.all.map { ($0.entry, $0.facts.count) }
    let total = counts.reduce(0) { $0 + $1.1 }
    #expect(total >= 100, "\(counts)")
    let mine = FactAudit.all.filter { FactAudit.registry.prefix(6).map(\.name).contains($0.entry) }.reduce(0) { $0 + $1.facts.count }
    #expect(mine >= 60, "\(counts)")
    for (entry, n) in counts { #expect(n > 0, "\(entry) audited nothing") }
  }

  @Test("every audited fact agrees with its second method", arguments: FactAudit.registry.map(\.name))
  func agreement(_ entry: String) {
    guard let facts = FactAudit.all.first(where: { $0.entry == entry })?.facts else {
      Issue.record("no entry \(entry)")
      return
    }
    for f in facts where !f.agrees { Issue.record("\(f)") }
  }
}

// MARK: - Independent formulas

/// The activations written out with libm, apart from the catalog's stable
/// implementations (good for the moderate arguments the audit uses).
enum Textbook {
  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
  static func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }
  static func phi(_ x: Double) -> Double { IndependentNumerics.density(x) }
  static func cdf(_ x: Double) -> Double { IndependentNumerics.cdf(x) }

  static func gelu(_ x: Double) -> Double { x * cdf(x) }
  static func geluPrime(_ x: Double) -> Double { cdf(x) + x * phi(x) }
  static let k = (2 / Double.pi).squareRoot()
  static func geluTanh(_ x: Double) -> Double { x / 2 * (1 + tanh(k * (x + 0.044715 * x * x * x))) }
  static func geluTanhPrime(_ x: Double) -> Double {
    let u = k * (x + 0.044715 * x * x * x)
    let t = tanh(u)
    return (1 + t) / 2 + x / 2 * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x)
  }
  static func silu(_ x: Double) -> Double { x * sigmoid(x) }
  static func siluPrime(_ x: Double) -> Double { sigmoid(x) * (1 + x * (1 - sigmoid(x))) }
  static func mish(_ x: Double) -> Double { x * tanh(softplus(x)) }
  static func mishPrime(_ x: Double) -> Double {
    let t = tanh(softplus(x))
    return t + x * sigmoid(x) * (1 - t * t)
  }

  /// SELU's constants, as CATALOG.md states them.
  static let seluLambda = 1.0507009873554804934193349852946
  static let seluAlpha = 1.6732632423543772848170429916717

  /// The maximum of a unimodal g on [a, b] by ternary search (the argmax
  /// to about 1e-9, the maximum value to rounding: it is flat there).
  static func maximum(_ g: (Double) -> Double, _ a: Double, _ b: Double) -> (x: Double, value: Double) {
    var lo = a
    var hi = b
    for _ in 0..<200 {
      let m1 = lo + (hi - lo) / 3
      let m2 = hi - (hi - lo) / 3
      if g(m1) < g(m2) { lo = m1 } else { hi = m2 }
    }
    let x = (lo + hi) / 2
    return (x, g(x))
  }
}

// MARK: - The entries

extension FactAudit {
  static let activationIDs = Catalog.all.filter { $0.family == .activation }.map(\.id)

  /// The catalog's implementation of an activation at its defaults (the
  /// quadrature, not the function, is what a mean-output audit checks).
  static func catalogView(_ id: String) throws -> ScalarView { try Catalog.function(named: id).primaryView }

  /// Mean outputs E[f(X)], X ~ N(0, 1): closed forms where there are, and
  /// composite Gauss–Legendre (the engine uses adaptive Gauss–Kronrod) for
  /// all of them.
  static func meanOutputs(_ p: PrintedProperties) throws -> [AuditedFact] {
    let phi0 = Textbook.phi(0)
    let eluNegative = exp(0.5) * Textbook.cdf(-1) - 0.5
    let closed: [String: (Double, String)] = [
      "identity": (0, "E[X] = 0"),
      "sigmoid": (0.5, "sigma(x) + sigma(−x) = 1"),
      "tanh": (0, "odd function"),
      "relu": (phi0, "∫_0^∞ x φ = φ(0)"),
      "leaky-relu": ((1 - 0.01) * phi0, "(1 − a) φ(0)"),
      "relu6": (phi0 - Textbook.phi(6) + 6 * Textbook.cdf(-6), "φ(0) − φ(6) + 6 Φ(−6)"),
      "elu": (phi0 + eluNegative, "φ(0) + e^(1/2) Φ(−1) − 1/2"),
      "selu": (Textbook.seluLambda * (phi0 + Textbook.seluAlpha * eluNegative), "λ(φ(0) + α(e^(1/2) Φ(−1) − 1/2))"),
      "gelu": (1 / (2 * Double.pi.squareRoot()), "E[X Φ(X)] = E[φ(X)] (Stein)"),
      "softsign": (0, "odd function"),
      "hard-sigmoid": (0.5, "f(x) + f(−x) = 1"),
      "hard-tanh": (0, "odd function"),
      "hard-swish": (erf(3 / 2.0.squareRoot()) / 6, "erf(3/√2)/6"),
    ]
    var out: [AuditedFact] = []
    for id in activationIDs {
      let printed = try number(p.view(id)?["mean_output"], "mean output of \(id)")
      let view = try catalogView(id)
      let quadrature = IndependentNumerics.normalMean({ view.evaluate($0).value }, breakpoints: view.breakpoints)
      out.append(AuditedFact("mean output of \(id)", printed: printed, recomputed: quadrature, method: "composite Gauss–Legendre", absolute: 1e-13))
      if let (value, how) = closed[id] {
        out.append(AuditedFact("mean output of \(id)", printed: printed, recomputed: value, method: "closed form \(how)", absolute: 1e-14))
      }
    }
    // log-sigmoid(x) = −softplus(−x), and X and −X have the same law.
    let softplus = try number(p.view("softplus")?["mean_output"], "softplus")
    out.append(
      AuditedFact(
        "mean output of log-sigmoid", printed: try number(p.view("log-sigmoid")?["mean_output"], "log-sigmoid"),
        recomputed: -softplus, method: "identity E[log σ(X)] = −E[softplus(X)]", absolute: 1e-15))
    return out
  }

  /// Gains chi = w E[f'(h)^2] at the printed q, the fixed point q itself,
  /// and the model over depth, by composite Gauss–Legendre and bisection;
  /// closed forms where there are.
  static func gains(_ p: PrintedProperties) throws -> [AuditedFact] {
    var out: [AuditedFact] = []
    for id in activationIDs {
      guard case .array(let list)? = p.facts(id)?["gradient_gain"] else { throw Missing("gains of \(id)") }
      let view = try catalogView(id)
      let f = { view.evaluate($0).value }
      let d = { view.evaluate($0).d1 }
      for g in list {
        let w = try number(g["weight_variance"], "weight variance")
        let q = try number(g["q"], "q")
        let initName = g["init"].flatMap { if case .string(let s) = $0 { return s } else { return nil } } ?? "?"
        let name = "\(id) at \(initName)"
        func chi(_ q: Double) -> Double {
          w * IndependentNumerics.normalMean({ let v = d($0); return v * v }, variance: q, breakpoints: view.breakpoints)
        }
        let printedGain = try number(g["gain"], "gain")
        out.append(AuditedFact("gain of \(name)", printed: printedGain, recomputed: chi(q), method: "composite Gauss–Legendre at the printed q", relative: 1e-13))
        if g["q_source"] == .string("fixed point") {
          let fixed = IndependentNumerics.varianceFixedPoint(f, weightVariance: w, near: q, breakpoints: view.breakpoints)
          out.append(AuditedFact("fixed point q of \(name)", printed: q, recomputed: fixed ?? .nan, method: "bisection on w E[f²]/q − 1 (Gauss–Legendre)", relative: 1e-9))
        } else {
          out.append(AuditedFact("q of \(name) (no nonzero fixed point, or every q one)", printed: q, recomputed: 1, method: "the definition: q = 1"))
        }
        // The model after 10 and 50 layers: chi(q_l) multiplied along q_(l+1) = w E[f(h_l)^2].
        guard case .array(let ratios)? = g["model_depth_ratio"] else { throw Missing("model depth ratio of \(name)") }
        var product = 1.0
        var ql = q
        for k in 1...ratios.count {
          product *= chi(ql)
          if k == 10 || k == ratios.count {
            out.append(AuditedFact("model after \(k) layers, \(name)", printed: try number(ratios[k - 1], "ratio"), recomputed: product, method: "Gauss–Legendre recursion", relative: 1e-10))
          }
          ql = w * IndependentNumerics.normalMean({ let v = f($0); return v * v }, variance: ql, breakpoints: view.breakpoints)
        }
      }
    }
    // Closed forms (q = 1 for all of these: every q a fixed point, or none).
    func gain(_ id: String, _ initName: String) throws -> Double {
      guard case .array(let list)? = p.facts(id)?["gradient_gain"],
        let g = list.first(where: { $0["init"] == .string(initName) })
      else { throw Missing("gain of \(id) at \(initName)") }
      return try number(g["gain"], "gain")
    }
    let closed: [(String, String, Double, String)] = [
      ("relu", "he", 1, "2 P(h > 0)"), ("relu", "xavier", 0.5, "P(h > 0)"),
      ("identity", "he", 2, "σ_w²"), ("identity", "xavier", 1, "σ_w²"),
      ("leaky-relu", "he", 2 * (1 + 0.0001) / 2, "σ_w² (1 + a²)/2"), ("leaky-relu", "xavier", (1 + 0.0001) / 2, "σ_w² (1 + a²)/2"),
      ("relu6", "he", 2 * (Textbook.cdf(6) - 0.5), "σ_w² P(0 < h < 6)"),
      ("hard-tanh", "xavier", erf(1 / 2.0.squareRoot()), "P(|h| < 1)"),
      (
        "selu", "xavier",
        Textbook.seluLambda * Textbook.seluLambda
          * (0.5 + Textbook.seluAlpha * Textbook.seluAlpha * exp(2) * Textbook.cdf(-2)),
        "λ²(1/2 + α² e² Φ(−2))"
      ),
    ]
    for (id, initName, value, how) in closed {
      out.append(AuditedFact("gain of \(id) at \(initName)", printed: try gain(id, initName), recomputed: value, method: "closed form \(how)", relative: 1e-14))
    }
    return out
  }

  /// Infima, suprema and where they are, against closed forms and against
  /// bisection on derivatives written out apart from the catalog.
  static func extrema(_ p: PrintedProperties) throws -> [AuditedFact] {
    var out: [AuditedFact] = []
    func bound(_ id: String, _ which: String, _ value: Double, _ how: String, params: [String: Double]? = nil, view: Int = 0) throws {
      let printed = try number(p.view(id, params, index: view)?[which]?["value"], "\(which) of \(id)")
      out.append(AuditedFact("\(which) of \(id)\(params.map { " \($0)" } ?? "")", printed: printed, recomputed: value, method: how, relative: 1e-14))
    }
    func location(_ id: String, _ which: String, _ x: Double, _ how: String, params: [String: Double]? = nil, view: Int = 0) throws {
      let printed = try number(p.view(id, params, index: view)?[which]?["location"]?["point"], "where the \(which) of \(id) is")
      out.append(AuditedFact("where the \(which) of \(id) is", printed: printed, recomputed: x, method: how, absolute: 1e-12, relative: 1e-9))
    }
    try bound("sigmoid", "infimum", 0, "limit as x → −∞")
    try bound("sigmoid", "supremum", 1, "limit as x → ∞")
    try bound("tanh", "infimum", -1, "limit")
    try bound("tanh", "supremum", 1, "limit")
    try bound("softsign", "infimum", -1, "limit of x/(1 + |x|)")
    try bound("softsign", "supremum", 1, "limit of x/(1 + |x|)")
    try bound("relu", "infimum", 0, "max(0, x)")
    try bound("relu6", "supremum", 6, "min(max(0, x), 6)")
    try bound("hard-sigmoid", "supremum", 1, "clip")
    try bound("hard-tanh", "infimum", -1, "clip")
    try bound("elu", "infimum", -1, "limit −α")
    try bound("selu", "infimum", -Textbook.seluLambda * Textbook.seluAlpha, "limit −λα")
    try bound("softplus", "infimum", 0, "limit")
    try bound("log-sigmoid", "supremum", 0, "limit")
    try bound("hard-swish", "infimum", -0.375, "x(x + 3)/6 at its vertex x = −3/2")
    try location("hard-swish", "infimum", -1.5, "the vertex −b/2a")
    // Smooth minima: bisection on the derivative written out with libm.
    for (id, prime, value, lo, hi) in [
      ("gelu", Textbook.geluPrime, Textbook.gelu, -2.0, -0.1), ("silu", Textbook.siluPrime, Textbook.silu, -3.0, -0.1),
      ("mish", Textbook.mishPrime, Textbook.mish, -3.0, -0.1), ("gelu-tanh", Textbook.geluTanhPrime, Textbook.geluTanh, -2.0, -0.1),
    ] as [(String, (Double) -> Double, (Double) -> Double, Double, Double)] {
      let x = IndependentNumerics.bisect(prime, lo, hi)
      try location(id, "infimum", x, "bisection on f′ (libm)")
      let printed = try number(p.view(id)?["infimum"]?["value"], "minimum of \(id)")
      out.append(AuditedFact("minimum of \(id)", printed: printed, recomputed: value(x), method: "f at the bisected root of f′", relative: 1e-13))
    }
    // silu's minimum has a closed form: x = −1 − W(1/e), and there f(x) = x + 1.
    var w = 0.2785  // W(1/e) by Newton on w e^w = 1/e.
    for _ in 0..<50 { w -= (w * exp(w) - exp(-1.0)) / (exp(w) * (1 + w)) }
    try location("silu", "infimum", -1 - w, "x = −1 − W(1/e) (Lambert W by Newton)")
    // Losses: views with a closed-form minimum.
    try bound("poisson-nll", "infimum", 2 - 2 * log(2.0), "e^z − 2z at z = ln 2")
    try location("poisson-nll", "infimum", log(2.0), "z = ln y")
    try bound("gaussian-nll", "infimum", 0.5, "(log v + 1/v)/2 at v = 1", view: 1)
    try location("gaussian-nll", "infimum", 1, "v = (y − ŷ)²", view: 1)
    try location("kl-div", "infimum", log(3.0), "softmax(s) = q: s_0 = ln(0.75/0.25)")
    // Cross-entropy with smoothing 0.1 over 2 classes: minimum = entropy of q = (0.95, 0.05).
    try bound("cross-entropy", "infimum", -(0.95 * log(0.95) + 0.05 * log(0.05)), "entropy of q", params: ["eps": 0.1])
    for (alpha, sup, how) in [(-2.0, 2.0, "|α − 2|/|α|"), (-Double.infinity, 1.0, "1 − e^(−x²/2) → 1")] {
      try bound("barron", "supremum", sup, how, params: ["alpha": alpha])
    }
    return out
  }

  /// max |f′| against closed forms and a ternary search on f′ written out apart.
  static func maxSlopes(_ p: PrintedProperties) throws -> [AuditedFact] {
    var out: [AuditedFact] = []
    func slope(_ id: String, _ value: Double, _ how: String, params: [String: Double]? = nil, relative: Double = 1e-14) throws {
      let printed = try number(p.view(id, params)?["max_abs_derivative"]?["value"], "max |f′| of \(id)")
      out.append(AuditedFact("max |f′| of \(id)\(params.map { " \($0)" } ?? "")", printed: printed, recomputed: value, method: how, relative: relative))
    }
    try slope("sigmoid", 0.25, "σ(0)²")
    try slope("tanh", 1, "1 − tanh²(0)")
    try slope("softsign", 1, "1/(1 + 0)²")
    try slope("relu", 1, "f′ = 1 for x > 0")
    try slope("hard-sigmoid", 1.0 / 6, "the slope 1/6")
    try slope("hard-swish", 1.5, "(2x + 3)/6 at x = 3")
    try slope("selu", Textbook.seluLambda * Textbook.seluAlpha, "λα at 0⁻", relative: 1e-15)
    let s2 = 2.0.squareRoot()
    try slope("gelu", Textbook.cdf(s2) + s2 * Textbook.phi(s2), "Φ(√2) + √2 φ(√2) (f″ = φ(x)(2 − x²) = 0)")
    for (id, prime) in [("silu", Textbook.siluPrime), ("mish", Textbook.mishPrime), ("gelu-tanh", Textbook.geluTanhPrime)] {
      try slope(id, Textbook.maximum(prime, 0.5, 4).value, "ternary search on f′ (libm)", relative: 1e-13)
    }
    for delta in [0.5, 1, 2, 4] { try slope("huber", delta, "f′ = δ sign r beyond δ", params: ["delta": delta]) }
    try slope("mae", 1, "|sign r|")
    try slope("quantile", 0.5, "max(τ, 1 − τ)")
    try slope("log-cosh", 1, "tanh r → 1")
    for alpha in [-Double.infinity, -2, 0, 0.5] {
      let value = alpha == -.infinity ? exp(-0.5) : pow((2 - alpha) / (1 - alpha), (alpha - 1) / 2)
      try slope("barron", value, "((2 − α)/(1 − α))^((α − 1)/2) (e^(−1/2) at −∞), c = 1", params: ["alpha": alpha], relative: 1e-13)
    }
    return out
  }

  /// Saturation-interval ends and flat zones: where |f′| = 1% of max |f′|,
  /// in closed form or by bisection on f′ written out apart.
  static func saturation(_ p: PrintedProperties) throws -> [AuditedFact] {
    var out: [AuditedFact] = []
    func end(_ id: String, _ k: Int, _ side: String, _ value: Double, _ how: String, params: [String: Double]? = nil) throws {
      let printed = try number(p.view(id, params)?["saturation_intervals"]?[k]?[side], "saturation interval \(k) of \(id)")
      out.append(AuditedFact("saturation \(side) end of \(id)", printed: printed, recomputed: value, method: how, absolute: 1e-12, relative: 2e-9))
    }
    let r = 0.99.squareRoot()
    let sigmoidEnd = log((1 + r) / (1 - r))
    try end("sigmoid", 0, "upper", -sigmoidEnd, "σ(1 − σ) = 0.0025: x = logit((1 + √0.99)/2)")
    try end("sigmoid", 1, "lower", sigmoidEnd, "the same, mirrored")
    try end("tanh", 0, "upper", -atanh(r), "1 − tanh² = 0.01: atanh(√0.99)")
    try end("tanh", 1, "lower", atanh(r), "atanh(√0.99)")
    try end("softsign", 0, "upper", -9, "1/(1 + |x|)² = 0.01")
    try end("softsign", 1, "lower", 9, "1/(1 + |x|)² = 0.01")
    try end("elu", 0, "upper", log(0.01), "e^x = 0.01")
    try end("selu", 0, "upper", log(0.01), "λα e^x = 0.01 λα")
    try end("log-sigmoid", 0, "lower", log(99.0), "σ(−x) = 0.01: x = ln 99")
    try end("softplus", 0, "upper", -log(99.0), "σ(x) = 0.01")
    try end("relu", 0, "upper", 0, "f′ = 0 for x ≤ 0")
    try end("hard-sigmoid", 0, "upper", -3, "f′ = 0 below −3")
    try end("hard-tanh", 1, "lower", 1, "f′ = 0 above 1")
    let geluMax = Textbook.cdf(2.0.squareRoot()) + 2.0.squareRoot() * Textbook.phi(2.0.squareRoot())
    // In the left tails f′ is negative: |f′| = 0.01 max |f′| there.
    try end("gelu", 0, "upper", IndependentNumerics.bisect({ abs(Textbook.geluPrime($0)) - 0.01 * geluMax }, -6, -2.5), "bisection: |Φ(x) + xφ(x)| = 0.01 max")
    for (id, prime) in [("silu", Textbook.siluPrime), ("mish", Textbook.mishPrime)] {
      let m = Textbook.maximum(prime, 0.5, 4).value
      try end(id, 0, "upper", IndependentNumerics.bisect({ abs(prime($0)) - 0.01 * m }, -12, -3), "bisection on |f′| (libm) = 0.01 max")
    }
    // Flat zones: around gelu's minimum, |f′| < 0.01 max on both sides of it.
    func zone(_ id: String, _ side: String, _ value: Double, _ how: String, params: [String: Double]? = nil) throws {
      let printed = try number(p.view(id, params)?["flat_zones"]?[0]?["interval"]?[side], "flat zone of \(id)")
      out.append(AuditedFact("flat zone \(side) end of \(id)\(params.map { " \($0)" } ?? "")", printed: printed, recomputed: value, method: how, absolute: 1e-12, relative: 2e-9))
    }
    let geluMin = IndependentNumerics.bisect(Textbook.geluPrime, -2, -0.1)
    try zone("gelu", "lower", IndependentNumerics.bisect({ -Textbook.geluPrime($0) - 0.01 * geluMax }, -1.5, geluMin), "bisection: −f′ = 0.01 max")
    try zone("gelu", "upper", IndependentNumerics.bisect({ Textbook.geluPrime($0) - 0.01 * geluMax }, geluMin, 0), "bisection: f′ = 0.01 max")
    try zone("huber", "upper", 0.01, "f′ = r = 0.01 δ", params: ["delta": 1])
    try zone("huber", "lower", -0.02, "f′ = r = −0.01 δ", params: ["delta": 2])
    // barron, alpha = 1: f′ = r/√(r² + 1) = 0.01.
    try zone("barron", "upper", 0.01 / (1 - 1e-4).squareRoot(), "r/√(r² + 1) = 0.01", params: ["alpha": 1])
    return out
  }

  /// The chain of activation derivatives, weights set aside: the draws
  /// regenerated here (SplitMix64 and Box–Muller, written out again), the
  /// products formed again, and the medians taken by sorting (the engine
  /// selects), at the depths the manual prints; depth to vanish from those.
  static func depth(_ p: PrintedProperties) throws -> [AuditedFact] {
    let n = 10_000
    var rng = SplitMix64(seed: 0x6465_7074_6873)
    var z: [Double] = []
    z.reserveCapacity(n / 2 * 100)
    for _ in 0..<(n / 2 * 100) {
      var u = rng.nextUnit()
      while u == 0 { u = rng.nextUnit() }
      let v = rng.nextUnit()
      z.append((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
    }
    var out: [AuditedFact] = []
    for id in activationIDs {
      let view = try catalogView(id)
      guard let printed = p.facts(id)?["gradient_depth"] else { throw Missing("depth of \(id)") }
      var products = [Double](repeating: 1, count: n)
      var vanish: Int?
      for depth in 1...100 {
        let base = (depth - 1) * (n / 2)
        for i in stride(from: 0, to: n, by: 2) {
          let x = z[base + i / 2]
          products[i] *= abs(view.evaluate(x).d1)
          products[i + 1] *= abs(view.evaluate(-x).d1)
        }
        let sorted = products.sorted()
        let median = (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        if vanish == nil && median < 1e-6 { vanish = depth }
        if [1, 5, 10, 20, 50, 100].contains(depth) {
          out.append(
            AuditedFact(
              "median at L = \(depth) of \(id)", printed: try number(printed["median"]?[depth - 1], "median"), recomputed: median,
              method: "draws regenerated, median by sorting", relative: 1e-15))
        }
        if depth == 10 {
          let mean = products.reduce(0, +) / Double(n)
          out.append(AuditedFact("mean at L = 10 of \(id)", printed: try number(printed["mean"]?[9], "mean"), recomputed: mean, method: "draws regenerated", relative: 1e-12))
        }
      }
      let printedVanish = printed["depth_to_vanish"]?.doubleValue ?? .infinity
      out.append(AuditedFact("depth to vanish of \(id)", printed: printedVanish, recomputed: vanish.map(Double.init) ?? .infinity, method: "first sorted median below 10⁻⁶"))
    }
    return out
  }

  /// The whole-domain witnesses: the value printed at a point, recomputed
  /// from the loss's formula there.
  static func domainWitnesses(_ p: PrintedProperties) throws -> [AuditedFact] {
    var out: [AuditedFact] = []
    func witness(_ id: String) throws -> (JSONValue, Double) {
      guard let w = p.setting(id)?["domain"]?["negative_witness"] else { throw Missing("negative witness of \(id)") }
      return (w["arguments"] ?? .null, try number(w["value"], "witness value"))
    }
    let (g, gv) = try witness("gaussian-nll")
    let yhat = try number(g["yhat"], "yhat")
    let y = try number(g["y"], "y")
    let v = try number(g["var"], "var")
    out.append(AuditedFact("gaussian-nll's negative value", printed: gv, recomputed: (log(v) + (y - yhat) * (y - yhat) / v) / 2, method: "(log var + (y − ŷ)²/var)/2", relative: 1e-14))
    let (pz, pv) = try witness("poisson-nll")
    let zz = try number(pz["z"], "z")
    let yy = try number(pz["y"], "y")
    out.append(AuditedFact("poisson-nll's negative value", printed: pv, recomputed: exp(zz) - yy * zz, method: "e^z − y z", relative: 1e-14))
    out.append(AuditedFact("poisson-nll's minimiser in z", printed: zz, recomputed: log(yy), method: "z = ln y", relative: 1e-14))
    for id in ["mse", "mae", "huber", "hinge", "kl-div"] {
      let printed = try number(p.setting(id)?["domain"]?["infimum"]?["value"], "whole-domain infimum of \(id)")
      out.append(AuditedFact("whole-domain infimum of \(id)", printed: printed, recomputed: 0, method: "0 at the correct prediction, ≥ 0 everywhere"))
    }
    return out
  }
}
