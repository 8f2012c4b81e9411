import LossAtlasCore
import LossAtlasIO

/// Machine-readable forms of the engine's results (`lossatlas properties
/// --json`, the manual's `data/properties.json`). Every number is printed
/// in shortest round-trip form; infinities as "inf" / "-inf".
extension Extremum {
  public var json: JSONValue {
    .object([
      ("value", .double(value)), ("attained", .bool(attained)), ("location", location.json),
      ("other_locations", .array(otherLocations.map(\.json))),
    ])
  }
}

extension Location {
  public var json: JSONValue {
    switch self {
    case .point(let x): return .object([("point", .double(x))])
    case .interval(let i): return .object([("interval", i.json)])
    case .approached(let x): return .object([("approached", .double(x))])
    }
  }
}

extension RealInterval {
  public var json: JSONValue {
    .object([
      ("lower", .double(lower)), ("upper", .double(upper)), ("lower_closed", .bool(lowerClosed)),
      ("upper_closed", .bool(upperClosed)),
    ])
  }
}

extension Limit {
  public var json: JSONValue { .double(value) }
}

extension ViewProperties {
  public var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("view", .string(viewLabel)), ("argument", .string(argument)),
      ("infimum", infimum.json), ("supremum", supremum.json),
      ("monotonic", .string(monotonic.rawValue)), ("derivative_monotonic", .string(derivativeMonotonic.rawValue)),
      ("continuity", .string(continuity.rawValue)),
      (
        "breakpoints",
        .array(
          breakpoints.map { b in
            .object([
              ("x", .double(b.x)), ("first_jump_order", b.firstJumpOrder.map(JSONValue.integer) ?? .null),
              ("jumps", .array(b.jumps.map(JSONValue.double))),
            ])
          })
      ),
    ]
    members.append(("mean_output", meanOutput.map(JSONValue.double) ?? .null))
    members.append(("zero_centered", zeroCentered.map(JSONValue.bool) ?? .null))
    members.append(("passes_through_origin", passesThroughOrigin.map(JSONValue.bool) ?? .null))
    members.append(("identity_near_origin", identityNearOrigin.map(JSONValue.bool) ?? .null))
    members += [
      ("max_abs_derivative", maxAbsDerivative.json),
      ("saturates_left", .bool(saturatesLeft)), ("saturates_right", .bool(saturatesRight)),
      ("saturation_tau", .double(saturationThreshold)),
      ("saturation_intervals", .array(saturationIntervals.map(\.interval.json))),
      (
        "flat_zones",
        .array(
          flatZones.map { z in
            .object([("interval", z.interval.json), ("kind", .string(z.kind.rawValue)), ("at", z.at.map(JSONValue.double) ?? .null)])
          })
      ),
      ("dead_regions", .array(deadRegions.map(\.interval.json))),
      ("derivative_limit_lower", derivativeLimitLower?.json ?? .null),
      ("derivative_limit_upper", derivativeLimitUpper?.json ?? .null),
      ("convex", .bool(convex)), ("concave", .bool(concave)), ("convexity_cross_check", .bool(convexityCrossCheck)),
      ("non_negative", .bool(nonNegative)), ("zero_at_correct", .string(zeroAtCorrect.rawValue)),
      ("gradient_zero_at_minimum", .bool(gradientZeroAtMinimum)), ("gradient_growth", .string(gradientGrowth.rawValue)),
      (
        "gradient_check",
        .object([
          ("points", .integer(gradientCheck.points)),
          ("max_relative_error_d1", .double(gradientCheck.maxRelativeErrorD1)), ("worst_d1_at", .double(gradientCheck.worstD1At)),
          ("max_relative_error_d2", .double(gradientCheck.maxRelativeErrorD2)), ("worst_d2_at", .double(gradientCheck.worstD2At)),
        ])
      ),
      (
        "extremes",
        .array(
          extremes.map { e in
            .object([
              ("x", .double(e.x)), ("value", .double(e.jet.value)), ("d1", .double(e.jet.d1)), ("d2", .double(e.jet.d2)),
              ("honest", .bool(e.honest)),
            ])
          })
      ),
    ]
    return .object(members)
  }
}

extension FunctionFacts {
  public var json: JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    if let d = modelsInapplicable {
      for (key, depth) in [("gradient_depth", true), ("gradient_gain", false)] {
        members.append((key, .object([("applies", .bool(false)), ("reason", .string(GradientGain.inapplicable(d, depth: depth)))])))
      }
    }
    if let d = depth {
      members.append(
        (
          "gradient_depth",
          .object([
            ("depth_to_vanish", d.depthToVanish.map(JSONValue.integer) ?? .null),
            ("threshold", .double(GradientDepth.threshold)), ("samples", .integer(GradientDepth.sampleCount)),
            ("median", .array(d.median.map(JSONValue.double))), ("mean", .array(d.mean.map(JSONValue.double))),
          ])
        ))
    }
    if !gains.isEmpty {
      members.append(
        (
          "gradient_gain",
          .array(
            gains.enumerated().map { i, g in
              var m: [(key: String, value: JSONValue)] = [
                ("init", .string(g.initialization.rawValue)), ("weight_variance", .double(g.initialization.weightVariance)),
                ("q", .double(g.q)), ("q_source", .string(g.source.rawValue)), ("gain", .double(g.gain)),
                ("model_depth_ratio", .array(g.depthRatio.map(JSONValue.double))),
              ]
              if i < gainSimulations.count {
                let sim = gainSimulations[i]
                m.append(
                  (
                    "simulation",
                    .object([
                      ("width", .integer(sim.settings.width)), ("depth", .integer(sim.settings.depth)),
                      ("seeds", .array(sim.settings.seeds.map { .integer(Int($0)) })),
                      ("depth_ratio", .array(sim.depthRatio.map(JSONValue.double))),
                      ("log_standard_error", .array(sim.logStandardError.map(JSONValue.double))),
                    ])
                  ))
              }
              return .object(m)
            })
        ))
    }
    members.append(
      (
        "precision",
        .array(
          precision.map { p in
            // Present only where the study met undecided exact numbers (a
            // user function's); catalog rows are as before.
            let undecided: [(String, JSONValue)] =
              p.undecidedFrom == nil && p.undecided == 0
              ? [] : [("undecided_from", p.undecidedFrom.map(JSONValue.double) ?? .null), ("undecided", .integer(p.undecided))]
            return .object([
              ("format", .string(p.format.rawValue)), ("direction", .integer(p.direction)), ("kind", .string(p.kind.rawValue)),
              ("limit", .double(p.limit)), ("x", p.x.map(JSONValue.double) ?? .null), ("exhaustive", .bool(p.exhaustive)),
              (
                "earlier",
                p.earlier.map { e in
                  .object([
                    ("hits", .integer(Int(e.hits))), ("checked", .integer(Int(e.checked))), ("from", .double(e.from)),
                    ("to", .double(e.to)), ("exhaustive", .bool(e.exhaustive)),
                  ])
                } ?? .null
              ),
              ("ties", .integer(p.ties)), ("uncertain", .integer(p.uncertain)),
            ] + undecided)
          })
      ))
    members.append(
      (
        "exact_tails",
        .array(
          exactTails.map { t in
            .object([
              ("direction", .integer(t.direction)), ("kind", .string(t.kind.rawValue)), ("limit", .double(t.limit)),
              ("boundary", t.boundary.map(JSONValue.double) ?? .null), ("closed", .bool(t.closed)),
            ])
          })
      ))
    members.append(
      (
        "naive_failures",
        .array(
          naiveFailures.map { f in
            .object([
              ("component", .string(f.component)), ("formula", .string(f.formula)), ("direction", .integer(f.direction)),
              ("x", .double(f.x)), ("mode", .string(f.mode.rawValue)), ("naive", .double(f.naive)), ("stable", .double(f.stable)),
              ("unit", .double(f.unit)), ("fraction_failing_after", .double(f.fractionFailingAfter)),
              ("always_from", f.alwaysFrom.map(JSONValue.double) ?? .null), ("always_to", f.alwaysTo.map(JSONValue.double) ?? .null),
              ("zero_from", f.zeroFrom.map(JSONValue.double) ?? .null),
            ])
          })
      ))
    if let m = minimiser {
      members.append(
        (
          "empirical_minimiser",
          .object([
            ("targets", .array(m.targets.map(JSONValue.double))), ("minimiser", .double(m.minimiser)),
            ("mean_loss", .double(m.meanLoss)),
          ])
        ))
    }
    return .object(members)
  }
}

extension FunctionAnalysis {
  /// The function's whole analysis: facts at the default parameters, and
  /// every view at every parameter setting with its declared-property
  /// outcomes.
  public var json: JSONValue {
    .object([
      ("id", .string(id)),
      ("facts", facts.json),
      (
        "settings",
        .array(
          settings.map { s in
            .object([
              ("params", .object(s.parameters.values.keys.sorted().map { ($0, JSONValue.double(s.parameters[$0])) })),
              ("domain", s.domain.json),
              (
                "views",
                .array(
                  zip(s.views, s.declared).map { view, outcomes in
                    var v = view.json
                    if case .object(var m) = v {
                      m.append(
                        (
                          "declared",
                          .array(
                            outcomes.map { o in
                              .object([
                                ("property", .string(o.property)), ("declared", .string(o.declared)),
                                ("computed", .string(o.computed)), ("passes", .bool(o.passes)),
                              ])
                            })
                        ))
                      v = .object(m)
                    }
                    return v
                  })
              ),
            ])
          })
      ),
    ])
  }
}

extension ArgumentPoint {
  public var json: JSONValue {
    .object(
      zip(names, values).map { name, value in
        switch value {
        case .real(let v): return (name, JSONValue.double(v))
        case .integer(let k): return (name, JSONValue.integer(k))
        case .vector(let v): return (name, JSONValue.array(v.map(JSONValue.double)))
        }
      })
  }
}

extension Witness {
  public var json: JSONValue { .object([("arguments", point.json), ("value", .double(value))]) }
}

extension DomainBound {
  public var json: JSONValue {
    var m: [(key: String, value: JSONValue)] = [
      ("value", .double(value)), ("attained", .bool(attained)), ("kind", .string(kind.rawValue)),
    ]
    if let view { m.append(("view", .string(view))) }
    if let witness { m.append(("witness", witness.json)) }
    if let toward { m.append(("toward", .object([("argument", .string(toward.argument)), ("end", .double(toward.end))]))) }
    return .object(m)
  }
}

extension DomainProperties {
  /// The whole-domain properties (with what the search covered).
  public var json: JSONValue {
    var m: [(key: String, value: JSONValue)] = [
      ("whole_domain", .bool(multiArgument)), ("views", .array(views.map(JSONValue.string))),
      ("infimum", infimum.json), ("supremum", supremum.json), ("non_negative", .bool(nonNegative)),
    ]
    if let w = negativeWitness { m.append(("negative_witness", w.json)) }
    m += [
      ("convex_in_prediction", .bool(convex)), ("concave_in_prediction", .bool(concave)),
      ("monotonic_in_prediction", monotonic.map { .string($0.rawValue) } ?? .null),
      ("max_abs_derivative", maxAbsDerivative.map(JSONValue.double) ?? .null),
      ("max_abs_derivative_exact", .bool(maxAbsDerivativeExact)),
    ]
    if let v = convexViolation {
      m.append(("convexity_violation", .object([("a", v.a.json), ("b", v.b.json)])))
    }
    if let s = search {
      m.append(("search", .object([("points", .integer(s.points)), ("settings", .integer(s.settings))])))
    }
    return .object(m)
  }
}
