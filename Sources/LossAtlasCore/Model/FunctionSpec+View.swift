/// A scalar view chosen by a caller: one of the catalog's views, or a view
/// built on request along any differentiated argument (or vector element)
/// with the other arguments fixed at any values of their domains.
public struct ResolvedView: Sendable {
  public let view: ScalarView
  /// The view's index in the catalog's `views(p)` when it is one of them
  /// (its declared properties apply); nil for a view built on request,
  /// which declares nothing.
  public let catalogIndex: Int?
  /// Where the view's breakpoints come from.
  public let breakpoints: BreakpointSource

  /// The catalog's view `index` as it is.
  public static func catalog(_ view: ScalarView, index: Int) -> ResolvedView {
    ResolvedView(view: view, catalogIndex: index, breakpoints: .catalog)
  }
}

/// How a view's breakpoints were found.
public enum BreakpointSource: String, Sendable {
  /// The catalog's own view lists them.
  case catalog
  /// Found where the documented formula changes piece along the view
  /// (see ``FunctionFormula/breakpoints(domain:window:bindings:line:)``).
  case formula
  /// The formula could not be evaluated along the view: none are known.
  case unknown
}

/// A view that cannot be built: which input is wrong, and a message that
/// says what is allowed (without the command line's flag names, which the
/// caller adds: `--over z: sigmoid takes x`).
public struct ViewError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Input: Sendable, Equatable {
    /// The swept axis (`--over`).
    case axis
    /// A fixed argument that was given (`--arg NAME=V`).
    case argument(String)
    /// A fixed argument that the view needs and nobody gave.
    case missing(String)
    /// The fixed arguments together (a class index beyond the scores).
    case arguments
  }

  public let input: Input
  public let message: String
  /// Whether the input is malformed or unknown (a usage error) rather than
  /// a well-formed value outside what is allowed.
  public let isUsage: Bool

  public init(_ input: Input, _ message: String, usage: Bool) {
    self.input = input
    self.message = message
    self.isUsage = usage
  }

  public var description: String { message }
}

extension FunctionSpec {
  /// The view along `axis` with the arguments `given` fixed, at validated
  /// parameters `p`.
  ///
  /// The view starts from the catalog's view `base` (its swept argument and
  /// its fixed arguments), then `given` replaces fixed arguments and `axis`
  /// the swept one. When the result is one of the catalog's views (`bce
  /// --arg y=0` is the view "p (y = 0)") that view is returned, with its
  /// plot range, breakpoints and declared properties. Otherwise a view is
  /// built:
  ///
  /// - the axis must be a differentiated argument (`p`, `var`), or an
  ///   element `s[i]` of a differentiated vector argument whose other
  ///   elements come from the given vector (`s=[1,2,3]` with `s[0]` swept
  ///   is the line s = [x, 2, 3]); a vector-valued function (softmax) gives
  ///   its output element i along z_i;
  /// - every other argument must be given, or fixed by the base view, and
  ///   lie in its domain, and together they must be valid (a class index
  ///   below the number of scores);
  /// - f, f', f'' come from the function's ``lines`` when it has them (a
  ///   jet built once, no look-up per point), else from the evaluator at
  ///   each point, f'' being the evaluation's second derivative in the
  ///   prediction argument or the diagonal of its Hessian; a view whose
  ///   f'' nothing gives is refused;
  /// - the domain is the swept argument's (or element's); the plot range
  ///   the catalog's for that argument, moved with the function's centre
  ///   (a residual loss's target), or one read off the domain;
  /// - the breakpoints are where the documented formula changes piece
  ///   along the line (``FunctionFormula/breakpoints(domain:window:bindings:line:)``).
  ///
  /// - Throws: ``ViewError`` naming the input and what is allowed.
  public func view(
    _ p: ParameterValues, base: Int = 0, fixing given: [String: ArgumentValue] = [:], along axis: ViewAxis? = nil
  ) throws(ViewError) -> ResolvedView {
    let catalogViews = views(p)
    precondition(catalogViews.indices.contains(base), "view index \(base) of \(id) was not validated")
    let baseView = catalogViews[base]
    let baseAxis = Self.axis(of: baseView, in: self)
    if given.isEmpty && (axis == nil || axis == baseAxis) {
      return ResolvedView(view: baseView, catalogIndex: base, breakpoints: .catalog)
    }
    let axis = axis ?? baseAxis
    let swept = try sweptArgument(axis)

    // Every argument but the swept one (a vector's other elements stay).
    var values: [String: ArgumentValue] = [:]
    for (name, value) in baseView.fixed where arguments.contains(where: { $0.name == name }) {
      values[name] = value
    }
    for name in given.keys.sorted() {
      guard let spec = arguments.first(where: { $0.name == name }) else {
        throw ViewError(.argument(name), "\(id) takes \(arguments.map(\.name).joined(separator: ", "))", usage: true)
      }
      if spec.kind == .real && name == axis.argument {
        throw ViewError(
          .argument(name),
          "\(name) is the argument the view sweeps; fix the others (\(id) takes \(arguments.map(\.name).joined(separator: ", ")))",
          usage: true)
      }
      do {
        values[name] = try validate(given[name]!, against: spec)
      } catch {
        throw ViewError(.argument(name), error.message, usage: false)
      }
    }
    // The swept argument at a point of its domain, replaced point by point.
    let domain: RealInterval
    switch swept.kind {
    case .real:
      domain = swept.domain.realInterval
      // A point the argument's own domain holds (not 0 for a nonzero one).
      values[swept.name] = .real(swept.domain.contains(domain.representative) ? domain.representative : 1)
    case .vector:
      guard case .vector(let v)? = values[swept.name] else {
        throw ViewError(
          .missing(swept.name),
          "the view along \(axis) takes the other elements from \(swept.name): give the whole vector (its element \(axis.index!) is replaced by the swept value)",
          usage: true)
      }
      guard axis.index! < v.count else {
        throw ViewError(
          .axis, "\(swept.name) has \(v.count) elements here: sweep one of \(swept.name)[0] to \(swept.name)[\(v.count - 1)]",
          usage: false)
      }
      domain = swept.domain.realInterval
    case .integer:
      preconditionFailure("sweptArgument refuses class indices")
    }
    for spec in arguments where values[spec.name] == nil {
      throw ViewError(
        .missing(spec.name), "the view along \(axis) needs \(spec.name), \(spec.domainDescription)", usage: true)
    }
    let fixedValues = ArgumentValues(values)
    // Conditions on several arguments (k below the number of scores, q a
    // distribution as long as s) are the evaluator's: ask it once.
    do {
      _ = try evaluator(p, fixedValues)
    } catch {
      throw ViewError(.arguments, error.message, usage: false)
    }

    // One of the catalog's views after all?
    let others = arguments.filter { $0.name != swept.name || swept.kind == .vector }
    if swept.kind == .real {
      for (i, v) in catalogViews.enumerated() where Self.axis(of: v, in: self) == axis {
        let fixed = Dictionary(v.fixed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        if others.allSatisfy({ fixed[$0.name] == values[$0.name] }) {
          return ResolvedView(view: v, catalogIndex: i, breakpoints: .catalog)
        }
      }
    }

    let evaluate = try lineJet(p, fixedValues, axis: axis)
    let plotRange = plotRange(for: axis, domain: domain, fixed: fixedValues, catalogViews: catalogViews)
    let label = Self.label(axis: axis, values: values, arguments: arguments, vectorValued: family == .vectorActivation)
    var fixed: [(name: String, value: ArgumentValue)] = []
    for spec in arguments {
      if spec.name == swept.name {
        if case .vector(let v)? = values[spec.name] {
          for (j, x) in v.enumerated() where j != axis.index { fixed.append(("\(spec.name)[\(j)]", .real(x))) }
        }
      } else {
        fixed.append((spec.name, values[spec.name]!))
      }
    }
    let width = plotRange.upperBound - plotRange.lowerBound
    let found = formula.breakpoints(
      domain: domain, window: (plotRange.lowerBound - 2 * width)...(plotRange.upperBound + 2 * width),
      bindings: formulaBindings(p, values, axis: axis),
      line: { env, x in
        if let i = axis.index { env.vectors[axis.argument]![i] = x } else { env.scalars[axis.argument] = x }
      })
    let view = ScalarView(
      label: label, argument: axis.description, fixed: fixed, domain: domain, plotRange: plotRange,
      breakpoints: found ?? [], declared: DeclaredProperties(), evaluate: evaluate)
    return ResolvedView(view: view, catalogIndex: nil, breakpoints: found == nil ? .unknown : .formula)
  }

  /// The axes a view of this function can sweep: each differentiated real
  /// argument, and `NAME[i]` for a differentiated vector argument.
  public var sweepableAxes: [String] {
    differentiable.compactMap { name in
      guard let spec = arguments.first(where: { $0.name == name }) else { return nil }
      return spec.kind == .vector ? "\(name)[i]" : name
    }
  }

  // MARK: - Pieces

  /// The argument `axis` sweeps, after checking it can be swept.
  private func sweptArgument(_ axis: ViewAxis) throws(ViewError) -> ArgumentSpec {
    let sweepable = "\(id) can be swept along " + sweepableAxes.joined(separator: " or ")
    guard let spec = arguments.first(where: { $0.name == axis.argument }) else {
      throw ViewError(.axis, "\(id) takes \(arguments.map(\.name).joined(separator: ", ")); \(sweepable)", usage: true)
    }
    switch spec.kind {
    case .integer:
      throw ViewError(.axis, "\(spec.name) is a class index: it can be fixed, not swept; \(sweepable)", usage: true)
    case .real where axis.index != nil:
      throw ViewError(.axis, "\(spec.name) is a number, not a vector: write \(spec.name)", usage: true)
    case .vector where axis.index == nil:
      throw ViewError(.axis, "\(spec.name) is a vector: sweep one element, \(spec.name)[0], \(spec.name)[1], ...", usage: true)
    default:
      break
    }
    guard differentiable.contains(spec.name) else {
      throw ViewError(
        .axis, "\(spec.name) is not differentiated (\(id)'s derivatives are taken in \(differentiable.joined(separator: " and "))): it can be fixed, not swept; \(sweepable)",
        usage: true)
    }
    return spec
  }

  /// f, f', f'' along `axis`: the function's lines, or its evaluator.
  private func lineJet(_ p: ParameterValues, _ a: ArgumentValues, axis: ViewAxis) throws(ViewError)
    -> @Sendable (Double) -> Jet
  {
    if let jet = lines?.jet(p, a, axis) { return jet }
    // The evaluator at each point: the arguments copied with the swept
    // value in place (a dictionary per point: slower than a line).
    let evaluator = evaluator
    let name = axis.argument
    let index = axis.index
    let prediction = predictionArgument
    let template = a.values
    // The position of the axis in the flattened gradient (the Hessian's order).
    var position = 0
    for g in (try? evaluator(p, a))?.gradient ?? [] {
      if g.name == name {
        position += index ?? 0
        break
      }
      position += g.tensor.flattened.count
    }
    let hessianPosition = position
    @Sendable func jet(_ x: Double) -> Jet? {
      var values = template
      if let index, case .vector(var v)? = values[name] {
        v[index] = x
        values[name] = .vector(v)
      } else {
        values[name] = .real(x)
      }
      guard let e = try? evaluator(p, ArgumentValues(values)) else { return nil }
      let value: Double
      switch e.value {
      case .scalar(let v): value = v
      case .vector(let v): value = v[index ?? 0]
      case .matrix: return nil
      }
      let d1: Double
      switch e.gradient(name) {
      case .scalar(let g)?: d1 = g
      case .vector(let g)?: d1 = g[index ?? 0]
      case .matrix(let m)?: d1 = m[index ?? 0][index ?? 0]
      case nil: return nil
      }
      let d2: Double
      if index == nil, name == prediction, let s = e.secondDerivative {
        d2 = s
      } else if case .matrix(let h)? = e.hessian, h.indices.contains(hessianPosition),
        h[hessianPosition].indices.contains(hessianPosition)
      {
        d2 = h[hessianPosition][hessianPosition]
      } else {
        return nil
      }
      return Jet(value: value, d1: d1, d2: d2)
    }
    guard jet(a.real(name, element: index)) != nil else {
      throw ViewError(
        .axis,
        "\(id) gives no second derivative along \(axis), so no view along it can be analysed; its catalog views: "
          + views(p).enumerated().map { "\($0) (\($1.label))" }.joined(separator: ", "),
        usage: false)
    }
    // A failed evaluation inside the domain would be a bug: NaN, which
    // every sweep and the property engine report as such.
    return { x in jet(x) ?? Jet(value: .nan, d1: .nan, d2: .nan) }
  }

  /// The plot range of a view along `axis`: the catalog's for that
  /// argument (moved with the function's centre), else one read off the
  /// domain.
  private func plotRange(
    for axis: ViewAxis, domain: RealInterval, fixed: ArgumentValues, catalogViews: [ScalarView]
  ) -> ClosedRange<Double> {
    let same = catalogViews.first { Self.axis(of: $0, in: self) == axis }
      ?? catalogViews.first { Self.axis(of: $0, in: self).argument == axis.argument }
    if let same {
      var range = same.plotRange
      var theirs = Dictionary(same.fixed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      theirs[axis.argument] = fixed.values[axis.argument]
      if let lines, let mine = lines.centre(fixed, axis), let other = lines.centre(ArgumentValues(theirs), axis) {
        let shift = mine - other
        let moved = (range.lowerBound + shift)...(range.upperBound + shift)
        if moved.lowerBound.isFinite && moved.upperBound.isFinite { range = moved }
      }
      return range
    }
    return domain.defaultPlotRange
  }

  /// The formula's environment: parameters, the fixed arguments (a class
  /// index as a number), and the free indices of a vector line bound to
  /// the swept element.
  private func formulaBindings(_ p: ParameterValues, _ values: [String: ArgumentValue], axis: ViewAxis)
    -> FormulaEnvironment
  {
    var env = FormulaEnvironment(scalars: p.values)
    for (name, value) in values {
      switch value {
      case .real(let x): env.scalars[name] = x
      case .integer(let k): env.scalars[name] = Double(k)
      case .vector(let v): env.vectors[name] = v
      }
    }
    if let i = axis.index {
      if let output = formula.valueIndex { env.scalars[output.name] = Double(i) }
      for symbol in formula.derivativeIndices { env.scalars[symbol.name] = Double(i) }
    }
    return env
  }

  /// The axis a catalog view sweeps: its argument (`p`, `s[0]`), a vector
  /// argument named alone (softmax's `z`) being its element 0.
  static func axis(of view: ScalarView, in spec: FunctionSpec) -> ViewAxis {
    let axis = ViewAxis(parsing: view.argument) ?? ViewAxis(view.argument)
    if axis.index == nil, spec.arguments.first(where: { $0.name == axis.argument })?.kind == .vector {
      return ViewAxis(axis.argument, index: 0)
    }
    return axis
  }

  /// A label in the catalog's style: `p (y = 0.7)`, `var (yhat = 2, y = 0)`,
  /// `s = [x, 2, 3], k = 2`, `z = [x, 0], output 0`.
  static func label(axis: ViewAxis, values: [String: ArgumentValue], arguments: [ArgumentSpec], vectorValued: Bool)
    -> String
  {
    func text(_ v: ArgumentValue) -> String {
      switch v {
      case .real(let x): return formatBound(x)
      case .integer(let k): return String(k)
      case .vector(let xs): return "[" + xs.map(formatBound).joined(separator: ", ") + "]"
      }
    }
    let others = arguments.filter { $0.name != axis.argument }.compactMap { spec in
      values[spec.name].map { "\(spec.name) = \(text($0))" }
    }
    guard let index = axis.index, case .vector(let v)? = values[axis.argument] else {
      return others.isEmpty ? axis.description : "\(axis) (\(others.joined(separator: ", ")))"
    }
    let line = v.indices.map { $0 == index ? "x" : formatBound(v[$0]) }.joined(separator: ", ")
    var parts = ["\(axis.argument) = [\(line)]"] + others
    if vectorValued { parts.append("output \(index)") }
    return parts.joined(separator: ", ")
  }
}

extension ArgumentValues {
  /// The real argument `name`, or element `element` of the vector `name`.
  func real(_ name: String, element: Int?) -> Double {
    if let element { return vector(name)[element] }
    return real(name)
  }
}

extension ArgumentDomain {
  /// The domain as an interval of the real line (labels: their hull,
  /// never swept since labels are not differentiated).
  var realInterval: RealInterval {
    switch self {
    // The real line without 0 (a divisor): swept over the whole line, the
    // point 0 itself evaluating to what the evaluator says there.
    case .finite, .nonZero: return .realLine
    case .interval(let lo, let loIn, let hi, let hiIn): return RealInterval(lo, hi, lowerClosed: loIn, upperClosed: hiIn)
    case .labels(let allowed): return RealInterval(allowed.min() ?? 0, allowed.max() ?? 0)
    }
  }
}

extension RealInterval {
  /// A point of the interval: 0 if it holds it, else the middle of a finite
  /// interval, else 1 past its finite end.
  var representative: Double {
    if contains(0) { return 0 }
    if lower.isFinite && upper.isFinite { return lower / 2 + upper / 2 }
    if lower.isFinite { return lower + max(1, abs(lower)) }
    return upper - max(1, abs(upper))
  }

  /// A plot range for a view the catalog does not list: the interval if
  /// finite, [-4, 4] on the real line, 4 wide from a finite end (an open
  /// end moved in by 1/80 of the width, as gaussian-nll's var view starts
  /// at 0.05).
  var defaultPlotRange: ClosedRange<Double> {
    switch (lower.isFinite, upper.isFinite) {
    case (true, true):
      let inset = (upper - lower) / 80
      return (lowerClosed ? lower : lower + inset)...(upperClosed ? upper : upper - inset)
    case (true, false): return (lowerClosed ? lower : lower + 0.05)...(lower + 4)
    case (false, true): return (upper - 4)...(upperClosed ? upper : upper - 0.05)
    case (false, false): return -4...4
    }
  }
}
