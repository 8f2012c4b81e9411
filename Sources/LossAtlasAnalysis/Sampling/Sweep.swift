import LossAtlasCore
import LossAtlasIO

/// f, f', f'' of one view at one parameter setting over a grid.
public struct SweepBlock: Sendable {
  public let parameters: ParameterValues
  public let viewLabel: String
  public let xs: [Double]
  public let values: [Double]
  public let d1: [Double]
  public let d2: [Double]
}

public enum Sweep {
  /// Evaluates `view` at every x: the hot loop (one closure call a point,
  /// arrays allocated once up front).
  public static func run(_ view: ScalarView, parameters: ParameterValues, xs: [Double]) -> SweepBlock {
    let (values, d1, d2) = jets(view.evaluate, at: xs) { _, _, _, _ in }
    return SweepBlock(parameters: parameters, viewLabel: view.label, xs: xs, values: values, d1: d1, d2: d2)
  }

  /// Samples a block: as many as fit the L1 cache three times over (f, f',
  /// f'' of 1024 points are 24 KiB), so that a block's observer reads what
  /// the evaluation has just written without going to memory.
  static let blockSize = 1024

  /// f, f', f'' at every x, in three arrays filled in place (not zeroed
  /// first), block by block; `observe(range, values, d1, d2)` sees each
  /// block (indices `range`) right after it is made, so a caller can
  /// summarise the samples in the same pass over memory. Inlined, so an
  /// empty `observe` costs nothing and a real one is specialised here.
  ///
  /// The evaluation loop holds nothing but the call and the three stores:
  /// the call to `f` is opaque (a closure) and clobbers every
  /// floating-point register, so any state kept across it would go
  /// through memory at every point; the observer's loop runs with none.
  @inline(__always)
  static func jets(
    _ f: (Double) -> Jet, at xs: [Double],
    observe: (Range<Int>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> (values: [Double], d1: [Double], d2: [Double]) {
    let n = xs.count
    var d1 = [Double]()
    var d2 = [Double]()
    let values = [Double](unsafeUninitializedCapacity: n) { v, filledV in
      d1 = [Double](unsafeUninitializedCapacity: n) { g, filledG in
        d2 = [Double](unsafeUninitializedCapacity: n) { h, filledH in
          xs.withUnsafeBufferPointer { x in
            var start = 0
            while start < n {
              let end = min(start + blockSize, n)
              for i in start..<end {
                let j = f(x[i])
                v[i] = j.value
                g[i] = j.d1
                h[i] = j.d2
              }
              observe(start..<end, v, g, h)
              start = end
            }
          }
          filledH = n
        }
        filledG = n
      }
      filledV = n
    }
    return (values, d1, d2)
  }

  /// CSV: parameter columns (catalog order), then x, value, derivative,
  /// second_derivative; one block of rows per parameter setting. Numbers
  /// are shortest round-trip text; non-finite ones `inf`, `-inf`, `nan`.
  /// A parameter whose name is also a data column (threshold's `value`)
  /// is headed `param:NAME`, so that no two columns share a name.
  public static func csv(_ blocks: [SweepBlock], parameterNames: [String]) -> String {
    let columns = ["x", "value", "derivative", "second_derivative"]
    let headers = parameterNames.map { columns.contains($0) ? "param:" + $0 : $0 }
    var out = (headers + columns).joined(separator: ",") + "\n"
    out.reserveCapacity(blocks.reduce(0) { $0 + $1.xs.count } * 80)
    for b in blocks {
      let prefix = parameterNames.map { formatValue(b.parameters[$0]) + "," }.joined()
      for i in b.xs.indices {
        out += prefix
        out += formatValue(b.xs[i])
        out += ","
        out += formatValue(b.values[i])
        out += ","
        out += formatValue(b.d1[i])
        out += ","
        out += formatValue(b.d2[i])
        out += "\n"
      }
    }
    return out
  }

  /// JSON: `{"id", "view", "argument", "blocks": [{"params", "x", "value",
  /// "derivative", "second_derivative"}]}`.
  public static func json(_ blocks: [SweepBlock], spec: FunctionSpec, argument: String) -> String {
    let items: [JSONValue] = blocks.map { b in
      .object([
        ("params", .object(spec.parameters.map { ($0.name, JSONValue.double(b.parameters[$0.name])) })),
        ("x", .array(b.xs.map(JSONValue.double))),
        ("value", .array(b.values.map(JSONValue.double))),
        ("derivative", .array(b.d1.map(JSONValue.double))),
        ("second_derivative", .array(b.d2.map(JSONValue.double))),
      ])
    }
    return JSONValue.object([
      ("id", .string(spec.id)), ("view", .string(blocks.first?.viewLabel ?? "")), ("argument", .string(argument)),
      ("blocks", .array(items)),
    ]).prettyText
  }
}
