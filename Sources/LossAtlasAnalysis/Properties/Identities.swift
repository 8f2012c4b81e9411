import LossAtlasCore

/// The equivalences the errata needs, each checked on a grid: both sides
/// are evaluated with the catalog's accurate implementations and must agree
/// to `tolerance` (relative to the larger side, with an absolute floor of
/// the same size for values near 0).
public struct Identity: Sendable {
  public let name: String
  /// The statement, e.g. "tanh(x) = 2 sigmoid(2x) - 1".
  public let statement: String
  public let tolerance: Double
  /// The grid: each point gives (lhs, rhs).
  let points: @Sendable () throws -> [(lhs: Double, rhs: Double, at: String)]

  /// The result of checking the identity on its grid.
  public struct Outcome: Sendable, Equatable {
    public let holds: Bool
    public let points: Int
    /// The largest |lhs - rhs| / max(|lhs|, |rhs|, 1), and where.
    public let worstDeviation: Double
    public let worstAt: String
  }

  public func check() throws -> Outcome {
    var worst = 0.0
    var worstAt = ""
    let pts = try points()
    for p in pts {
      let d = p.lhs == p.rhs ? 0 : abs(p.lhs - p.rhs) / max(abs(p.lhs), abs(p.rhs), 1)
      if d > worst || d.isNaN {
        worst = d
        worstAt = p.at
      }
    }
    return Outcome(holds: worst <= tolerance, points: pts.count, worstDeviation: worst, worstAt: worstAt)
  }
}

extension Identity {
  /// Every named identity, by name.
  public static let all: [Identity] = [
    Identity(
      name: "cross-entropy-binary", statement: "cross-entropy([z0, z1], k = 1) = bce-logits(z1 - z0, y = 1)",
      tolerance: 1e-14,
      points: {
        var out: [(Double, Double, String)] = []
        for z0 in stride(from: -30.0, through: 30, by: 2.5) {
          for z1 in stride(from: -30.0, through: 30, by: 1.5) {
            let ce = try value("cross-entropy", ["s": .vector([z0, z1]), "k": .integer(1)])
            let b = try value("bce-logits", ["z": .real(z1 - z0), "y": .real(1)])
            out.append((ce, b, "z0 = \(z0), z1 = \(z1)"))
          }
        }
        return out
      }),
    Identity(
      name: "tanh-sigmoid", statement: "tanh(x) = 2 sigmoid(2x) - 1", tolerance: 1e-15,
      points: {
        try grid(-20...20, 801).map { x in
          (try value("tanh", ["x": .real(x)]), 2 * (try value("sigmoid", ["x": .real(2 * x)])) - 1, "x = \(x)")
        }
      }),
    Identity(
      name: "hinge-symmetry", statement: "hinge(s, y = -1) = hinge(-s, y = +1)", tolerance: 0,
      points: {
        try grid(-5...5, 401).map { s in
          (try value("hinge", ["s": .real(s), "y": .real(-1)]), try value("hinge", ["s": .real(-s), "y": .real(1)]), "s = \(s)")
        }
      }),
    Identity(
      name: "gaussian-nll-mse", statement: "gaussian-nll(yhat, y, var = 1) = mse(yhat, y) / 2", tolerance: 1e-15,
      points: {
        try grid(-10...10, 401).map { r in
          (
            try value("gaussian-nll", ["yhat": .real(r), "y": .real(0), "var": .real(1)]),
            try value("mse", ["yhat": .real(r), "y": .real(0)]) / 2, "yhat - y = \(r)"
          )
        }
      }),
    Identity(
      name: "log-sigmoid-softplus", statement: "log-sigmoid(x) = -softplus(-x)", tolerance: 1e-15,
      points: {
        try grid(-50...50, 801).map { x in
          (try value("log-sigmoid", ["x": .real(x)]), -(try value("softplus", ["x": .real(-x)])), "x = \(x)")
        }
      }),
    Identity(
      name: "focal-bce", statement: "focal(z, y; gamma = 0, alpha = 0.5) = bce-logits(z, y) / 2", tolerance: 1e-15,
      points: {
        var out: [(Double, Double, String)] = []
        for y in [0.0, 1.0] {
          for z in grid(-30...30, 241) {
            let f = try value("focal", ["z": .real(z), "y": .real(y)], ["gamma": 0.0, "alpha": 0.5])
            let b = try value("bce-logits", ["z": .real(z), "y": .real(y)])
            out.append((f, b / 2, "z = \(z), y = \(y)"))
          }
        }
        return out
      }),
    Identity(
      name: "huber-smooth-l1", statement: "huber(r; delta) = delta * smooth-l1(r; beta = delta)", tolerance: 1e-15,
      points: {
        var out: [(Double, Double, String)] = []
        for d in [0.5, 1, 2, 4] {
          for r in grid(-10...10, 161) {
            let h = try value("huber", ["yhat": .real(r), "y": .real(0)], ["delta": d])
            let s = try value("smooth-l1", ["yhat": .real(r), "y": .real(0)], ["beta": d])
            out.append((h, d * s, "r = \(r), delta = \(d)"))
          }
        }
        return out
      }),
    Identity(
      name: "quantile-half-mae", statement: "quantile(r; tau = 0.5) = mae(r) / 2", tolerance: 1e-15,
      points: {
        try grid(-10...10, 401).map { r in
          (
            try value("quantile", ["yhat": .real(r), "y": .real(0)], ["tau": 0.5]),
            try value("mae", ["yhat": .real(r), "y": .real(0)]) / 2, "r = \(r)"
          )
        }
      }),
    Identity(
      name: "softplus-derivative-sigmoid", statement: "softplus'(x) = sigmoid(x)", tolerance: 1e-15,
      points: {
        try grid(-40...40, 801).map { x in
          (try derivative("softplus", ["x": .real(x)], "x"), try value("sigmoid", ["x": .real(x)]), "x = \(x)")
        }
      }),
    Identity(
      name: "mse-variance-bias", statement: "mean(r^2) = variance(r) + mean(r)^2 (MSE = variance of the errors + squared bias)",
      tolerance: 1e-13,
      points: {
        var rng = SplitMix64(seed: 0x6D73_6576)
        var out: [(Double, Double, String)] = []
        for set in 0..<200 {
          let rs = (0..<(3 + set % 17)).map { _ in 10 * (rng.nextUnit() - 0.5) + Double(set % 5) }
          let mse = try rs.map { r in try value("mse", ["yhat": .real(r), "y": .real(0)]) }.reduce(0, +) / Double(rs.count)
          let mean = rs.reduce(0, +) / Double(rs.count)
          let variance = rs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rs.count)
          out.append((mse, variance + mean * mean, "residual set \(set)"))
        }
        return out
      }),
  ]

  public static func named(_ name: String) -> Identity? { all.first { $0.name == name } }

  static func grid(_ range: ClosedRange<Double>, _ n: Int) -> [Double] {
    Grid.linear(from: range.lowerBound, to: range.upperBound, count: n).values
  }

  static func value(_ id: String, _ args: [String: ArgumentValue], _ params: [String: Double] = [:]) throws(CatalogError) -> Double {
    let e = try Catalog.function(named: id).evaluate(parameters: params, arguments: args)
    return e.value.scalarValue ?? .nan
  }

  static func derivative(_ id: String, _ args: [String: ArgumentValue], _ name: String) throws(CatalogError) -> Double {
    let e = try Catalog.function(named: id).evaluate(arguments: args)
    return e.gradient(name)?.scalarValue ?? .nan
  }
}
