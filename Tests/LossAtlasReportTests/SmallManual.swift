import LossAtlasAnalysis
@testable import LossAtlasReport

/// The manual as the page tests generate it: the pages, tables and figures
/// `make manual` writes for the same functions and languages, with a coarser sampling (the pages and their
/// structure do not depend on it) so that a whole manual stays quick in the
/// test build.
enum SmallManual {
  /// Generates the manual of `only` (every function when nil) in
  /// `languages`: 4,001 samples per curve, 20,001-point primary sweeps, and
  /// a small network for the gain check (32 wide, 10 deep, seeds 1 and 2:
  /// the manual's 256 x 256 x 50 would take minutes in a test build;
  /// GainTests checks that one). Stops the test run with the error when the
  /// manual cannot be generated, since every test of the suite reads it.
  static func generate(only: [String]? = nil, languages: [Language] = [.en]) -> [OutputFile] {
    do {
      var options = ManualOptions(templates: try TemplateSet.embedded())
      options.only = only
      options.languages = languages
      options.samples = 4001
      options.primarySamples = 20_001
      options.gainSimulation = GainSimulation.Settings(width: 32, depth: 10, seeds: [1, 2])
      return try ManualGenerator.generate(options, figures: ManualFigureSource.build)
    } catch {
      fatalError("the manual could not be generated: \(error)")
    }
  }
}
