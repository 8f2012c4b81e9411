import Foundation
import LossAtlasCore
import LossAtlasParallel

extension UserFunctionDefinition {
  /// The catalog entry the definition becomes at run time (issue 11, item 2):
  /// a ``FunctionSpec`` like every catalog function's, so that `eval`,
  /// `sweep`, `chart`, `properties`, `check` and the manual reach it through
  /// the same code paths.
  ///
  /// - value, gradient and f'' at one point: the reference interpreter
  ///   ``DoubleTrace`` (the formula as written, op by op, in Double);
  /// - the view: the compiled ``Program`` (allocation-free per point);
  /// - both: where Double gives NaN or ±inf, the exact value instead
  ///   (``ExactFallback``: the entry is the function, the safety report
  ///   is about the formula as written);
  /// - the formula: the user's tree and its symbolic derivatives, printed;
  /// - breakpoints: where abs, sign, min, max, where() or a catalog call's
  ///   own kinks switch inside the plot range (``ViewBreakpoints``).
  ///
  /// Family `other` has no catalog family; it is analysed as an activation
  /// (no "zero at the correct prediction"), and pages and listings print
  /// `other` from the definition.
  public var spec: FunctionSpec {
    let definition = self
    let expression = value
    let differentiated = differentiate
    let arguments = self.arguments.map { name in
      ArgumentSpec(
        name: name, domain: Self.argumentDomain(domain(of: name)),
        summary: differentiated.contains(name) ? "a differentiated argument" : "an argument held fixed")
    }
    let parameters = self.parameters.map { p in
      ParameterSpec(
        name: p.name, symbol: UserSymbols.symbol(p.name).latex, defaultValue: p.defaultValue,
        range: Self.parameterRange(p.range), grid: [p.defaultValue], summary: "a parameter of the user-defined formula")
    }
    let names = self.parameters.map(\.name)
    let evaluate: @Sendable (ParameterValues, ArgumentValues) throws(CatalogError) -> Evaluation = { p, a in
      let params = names.map { p[$0] }
      let args = definition.arguments.map { a.real($0) }
      let roots = [expression.value] + expression.gradient + [expression.hessian[0][0]]
      let trace = DoubleTrace(expression, arguments: args, parameters: params, roots: roots)
      let v = ExactFallback(expression: expression, parameters: params)
        .repaired(roots.map { trace.values[$0] }, roots: roots, arguments: args)
      let gradient = differentiated.indices.map { i in NamedTensor(differentiated[i], .scalar(v[1 + i])) }
      return Evaluation(value: .scalar(v[0]), gradient: gradient, secondDerivative: v[v.count - 1])
    }
    // The property engine asks for the views many times per setting: each
    // setting's view (compiled program, breakpoints) is built once.
    // The views built so far, by parameter values.
    let cache = Memo<[Double], ScalarView>()
    let views: @Sendable (ParameterValues) -> [ScalarView] = { p in
      let values = names.map { p[$0] }
      return [cache.value(values) { definition.scalarView(parameters: values) }]
    }
    let derivatives = differentiated.indices.map { (argument: differentiated[$0], expr: expression.gradientExpr($0)) }
    return FunctionSpec(
      id: id, name: name, family: family.catalogFamily ?? .activation,
      summary: "User-defined (\(file):\(line)): \(expression.source.text)",
      parameters: parameters, arguments: arguments, differentiable: differentiated,
      evaluate: evaluate, views: views,
      formula: FunctionFormula(
        value: expression.valueExpr, derivatives: derivatives, secondDerivative: expression.hessianExpr(0, 0)),
      implementationNote: "The formula as written, evaluated op by op in Double; derivatives by symbolic differentiation.",
      conventions: [], references: [])
  }

  /// The view of the definition at `parameters` as a catalog scalar view.
  public func scalarView(parameters: [Double]) -> ScalarView {
    let program = viewProgram(parameters: parameters)
    let fixed = arguments.filter { $0 != view.over }.map { (name: $0, value: ArgumentValue.real(view.at[$0] ?? 0)) }
    let label = fixed.isEmpty ? view.over : "\(view.over) (" + fixed.map { "\($0.name) = \(formatValue(view.at[$0.name] ?? 0))" }.joined(separator: ", ") + ")"
    let breakpoints = ViewBreakpoints.find(self, parameters: parameters)
    // Where Double gives NaN or ±inf, the exact value (see ExactFallback).
    let fallback = ExactFallback(expression: value, parameters: parameters)
    let arguments = viewArguments
    let argument = value.differentiated[viewIndex]
    let roots = [value.value, value.gradient[viewIndex], value.hessian[viewIndex][viewIndex]]
    // The engine samples a view several times with the same far points
    // (each ViewSamples, the limits, the extremes): each exact value is
    // computed once per view.
    // The repaired jets of the failing points, by input's bits (0 and -0
    // apart): a deterministic function's results, computed once.
    let repaired = Memo<UInt64, Jet>()
    // First the bucket of inputs around a failing point, where one ball
    // decides the whole bucket (an overflow over a whole range of x): no
    // point-by-point evaluation there, and nothing stored per point.
    let regions = RegionRepair(
      expression: value, parameters: parameters, arguments: arguments, argument: argument, roots: roots)
    // The function's exact numbers rounded to a format: what the precision
    // study reads (the formula's Double may be finite but wrong).
    let definition = self
    let viewDomain = self.domain(of: view.over)
    let rounder = ExactRounder(
      expression: value, parameters: parameters, arguments: arguments, argument: argument, value: roots[0],
      derivative: roots[1])
    return ScalarView(
      label: label, argument: view.over, fixed: fixed, domain: viewDomain,
      plotRange: view.from...view.to, breakpoints: breakpoints, declared: DeclaredProperties(),
      exactRounding: { x, part, format in rounder.round(x, part, format) },
      evaluate: { x in
        let j = program.jet(x)
        if j.value.isFinite && j.d1.isFinite && j.d2.isFinite { return j }
        // Overflow or underflow decided for a whole bucket of inputs first.
        if let r = regions.jet(j, x: x) { return r }
        return repaired.value(x.bitPattern) {
          let r = fallback.jet(j, x: x, arguments: arguments, argument: argument, roots: roots)
          // A value still NaN or ±inf inside the domain may be a point
          // where the function is not defined: recorded, and the command
          // refuses the function (see MetProblems).
          if !r.value.isFinite, viewDomain.contains(x), let p = definition.problem(at: x, parameters: parameters) {
            definition.metProblems.record(definition.checked(p, parameters: parameters))
          }
          return r
        }
      })
  }

  static func argumentDomain(_ i: RealInterval) -> ArgumentDomain {
    if i == .realLine { return .finite }
    return .interval(lower: i.lower, lowerInclusive: i.lowerClosed, upper: i.upper, upperInclusive: i.upperClosed)
  }

  static func parameterRange(_ i: RealInterval) -> ParameterRange {
    ParameterRange(lower: i.lower, lowerInclusive: i.lowerClosed, upper: i.upper, upperInclusive: i.upperClosed)
  }
}
