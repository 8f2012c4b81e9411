/// What the vector activations of CATALOG.md share: the logits argument
/// and the 1-D slice they are drawn along.
///
/// Both functions take a vector z of length C >= 1 and return a vector;
/// their gradient is the full C x C Jacobian (row i = d f_i / d z_j). Each
/// has one documented 1-D view, the first output along z = [x, 0].
enum VectorActivations {
  /// The vector argument z.
  static let logits = ArgumentSpec(
    name: "z", kind: .vector, domain: .finite, minimumCount: 1, summary: "the logits, a vector of length C ≥ 1")

  /// The lines of a vector activation: output i along z_i with the other
  /// logits fixed, `jet(parts, i)` reading softmax's pieces at each point
  /// (O(C) a point, no Jacobian formed).
  static func lines(
    _ jet: @escaping @Sendable (StableMath.SoftmaxParts, Int) -> Jet
  ) -> ViewLines {
    ViewLines(jet: { _, a, axis in
      guard axis.argument == "z", let i = axis.index else { return nil }
      let z = a.vector("z")
      return { x in
        var line = z
        line[i] = x
        return jet(StableMath.softmaxParts(line), i)
      }
    })
  }

  /// The 1-D slice z = [x, 0] of a vector activation.
  static func slice(
    label: String, declared: DeclaredProperties, _ jet: @escaping @Sendable (Double) -> Jet
  ) -> ScalarView {
    ScalarView(
      label: label, argument: "z", fixed: [("z[1]", .real(0))], plotRange: -8...8, declared: declared,
      evaluate: jet)
  }
}
