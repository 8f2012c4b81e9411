import LossAtlasCore

/// The prose of one catalog function, as strings-table entries: the English
/// comes from the function's `FunctionSpec` (its single source), the Chinese
/// from `templates/strings/zh/functions/<id>.yaml`, under the same keys.
///
/// The keys of a function `<id>`, in this order (a field the spec does not
/// have gives no key):
///
/// | key                                                           | English source |
/// |---------------------------------------------------------------|----------------|
/// | `function.<id>.name`                                          | `name` |
/// | `function.<id>.summary`                                       | `summary` |
/// | `function.<id>.implementationNote`                            | `implementationNote` |
/// | `function.<id>.parameter.<name>`                              | each parameter's `summary` |
/// | `function.<id>.argument.<name>`                               | each argument's `summary` |
/// | `function.<id>.convention.<framework>`                        | each convention's `note`, by `Framework.rawValue` (`PyTorch`, `Keras`, `optax`, `jax.nn`); a framework's second (third) convention is `<framework>.2` (`.3`): leaky-relu has two for PyTorch |
/// | `function.<id>.naive.<i>.within`                              | the i-th (0-based) naive intermediate's `within` |
/// | `function.<id>.figure.family.note`                            | `figures.family.note` |
/// | `function.<id>.figure.family.limit.legend`                    | `figures.family.limit.legend` |
/// | `function.<id>.figure.family.limit.sentence`                  | `figures.family.limit.sentence` |
/// | `function.<id>.figure.trueClassProbability.title`             | `figures.trueClassProbability.title` |
/// | `function.<id>.figure.trueClassProbability.caption`           | `figures.trueClassProbability.caption` |
/// | `function.<id>.figure.trueClassProbability.observation`       | `figures.trueClassProbability.observation` |
/// | `function.<id>.figure.trueClassProbability.valueName.<value>` | `valueNames[value]`, the value as ``formatBound(_:)`` writes it (`0`, `0.5`) |
///
/// Not in the table, because they are the same in every language: the id,
/// aliases, formulas (the expression trees and the naive forms'
/// `valueFormula` / `derivativeFormula`), a convention's `api` call,
/// parameter symbols, references, and the views' labels (`z (y = 1)`),
/// which are notation. A convention note keeps its `{measurement.key}`
/// placeholders in both languages; the manual fills them from the committed
/// measurements.
///
/// The Chinese YAML file nests the same keys:
/// ```yaml
/// function:
///   gelu:
///     name: GELU（高斯误差线性单元）
///     convention:
///       PyTorch: …
///       jax.nn: …
/// ```
public enum FunctionText {
  /// `function.<id>.<field>`: a key of ``english(_:)``.
  public static func key(_ id: String, _ field: String) -> String { "function.\(id).\(field)" }

  /// The key of a convention's note (`function.gelu.convention.jax.nn`);
  /// `occurrence` counts the conventions of one framework from 1
  /// (`function.leaky-relu.convention.PyTorch.2` is its second).
  public static func conventionKey(_ id: String, _ framework: Framework, occurrence: Int = 1) -> String {
    key(id, "convention.\(framework.rawValue)" + (occurrence > 1 ? ".\(occurrence)" : ""))
  }

  /// The keys of `spec.conventions`' notes, in their order.
  public static func conventionKeys(_ spec: FunctionSpec) -> [String] {
    var seen: [Framework: Int] = [:]
    return spec.conventions.map { c in
      seen[c.framework, default: 0] += 1
      return conventionKey(spec.id, c.framework, occurrence: seen[c.framework]!)
    }
  }

  /// The key of a parameter's summary.
  public static func parameterKey(_ id: String, _ name: String) -> String { key(id, "parameter.\(name)") }

  /// The key of an argument's summary.
  public static func argumentKey(_ id: String, _ name: String) -> String { key(id, "argument.\(name)") }

  /// The key of the `index`-th naive intermediate's `within`.
  public static func naiveWithinKey(_ id: String, _ index: Int) -> String { key(id, "naive.\(index).within") }

  /// The key of a true-class-probability figure's name for one parameter value.
  public static func valueNameKey(_ id: String, _ value: Double) -> String {
    key(id, "figure.trueClassProbability.valueName.\(formatBound(value))")
  }

  /// Every English text field of `spec` with its key, in the order of the
  /// table above.
  public static func english(_ spec: FunctionSpec) -> [(key: String, text: String)] {
    let id = spec.id
    var out: [(key: String, text: String)] = [
      (key(id, "name"), spec.name),
      (key(id, "summary"), spec.summary),
      (key(id, "implementationNote"), spec.implementationNote),
    ]
    for p in spec.parameters { out.append((parameterKey(id, p.name), p.summary)) }
    for a in spec.arguments { out.append((argumentKey(id, a.name), a.summary)) }
    for (k, c) in zip(conventionKeys(spec), spec.conventions) { out.append((k, c.note)) }
    for (i, n) in (spec.naive?.intermediates ?? []).enumerated() { out.append((naiveWithinKey(id, i), n.within)) }
    if let family = spec.figures.family {
      out.append((key(id, "figure.family.note"), family.note))
      if let limit = family.limit {
        out.append((key(id, "figure.family.limit.legend"), limit.legend))
        out.append((key(id, "figure.family.limit.sentence"), limit.sentence))
      }
    }
    if let t = spec.figures.trueClassProbability {
      out.append((key(id, "figure.trueClassProbability.title"), t.title))
      out.append((key(id, "figure.trueClassProbability.caption"), t.caption))
      out.append((key(id, "figure.trueClassProbability.observation"), t.observation))
      for value in t.valueNames.keys.sorted() { out.append((valueNameKey(id, value), t.valueNames[value]!)) }
    }
    return out
  }
}
