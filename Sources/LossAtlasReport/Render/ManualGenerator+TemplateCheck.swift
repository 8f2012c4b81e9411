extension ManualGenerator {
  /// How deep ``checkTemplates(_:models:)`` first looks into each page
  /// model: its fields, and the fields of what they hold (a section, the
  /// site frame), not the rows of its lists (``modelKeySamples()`` names those).
  static let nearKeyDepth = 3

  /// Checks that every tag of `templates` names a field of the page
  /// `models` or of ``modelKeySamples()`` (``TemplateSet/validate(knownKeys:)``):
  /// the same answer, and the same error, as checking against the keys of
  /// every value of every model.
  ///
  /// Walking every row of every page by reflection cost 0.07-0.1 s of CPU
  /// per edition, so the templates are first checked against the keys
  /// near the top of each model (``nearKeyDepth``) and those of the
  /// samples: a subset of all the keys (``mirrorKeys(_:maxDepth:)``), and a
  /// check that passes against a subset passes against the whole set (it
  /// only fails on a key missing from it). Only when that first check
  /// fails is every model walked in full and checked again.
  ///
  /// - Returns: whether the first check sufficed.
  @discardableResult
  static func checkTemplates(_ templates: TemplateSet, models: [Any]) throws -> Bool {
    var keys = Set<String>()
    for sample in modelKeySamples() { keys.formUnion(mirrorKeys(sample)) }
    var near = keys
    for model in models { near.formUnion(mirrorKeys(model, maxDepth: nearKeyDepth)) }
    if (try? templates.validate(knownKeys: near)) != nil { return true }
    for model in models { keys.formUnion(mirrorKeys(model)) }
    try templates.validate(knownKeys: keys)
    return false
  }
}
