import LossAtlasAnalysis
import LossAtlasCore
import LossAtlasReport
import Testing

/// `ManualFigures.chosen`: the figure of `lossatlas chart` with chosen
/// views or a parameter family.
@Suite struct ChosenFigureTests {
  @Test("A huber family delta = 0.5, 1, 2: three series a panel, every curve inside the derivative axis")
  func familyKeepsEveryCurve() throws {
    let spec = try Catalog.function(named: "huber")
    let chosen = try [0.5, 1, 2].map { d -> (parameters: ParameterValues, view: ResolvedView) in
      let p = try spec.validateParameters(["delta": d])
      return (p, try spec.view(p))
    }
    let analyses = CatalogAnalysis.run(spec, chosen: chosen, options: AnalysisOptions(samples: 20_001), primarySamples: 20_001)
    let curves = analyses.map {
      ChosenCurve(name: ChosenCurve.name(spec, parameters: $0.parameters), view: $0.resolved.view, properties: $0.properties)
    }
    let figure = try ManualFigures.chosen(spec, curves: curves).figure
    #expect(figure.panels.count == 2)
    #expect(figure.panels.allSatisfy { $0.series.count == 3 })
    // f' of huber reaches ±delta: the axis must hold ±2 (the widest curve),
    // not clip the family to the first curve's ±0.5.
    let y = try #require(figure.panels[1].y.range)
    #expect(y.lowerBound <= -2 && y.upperBound >= 2, "\(y)")
    #expect(curves.map(\.name) == ["δ = 0.5", "δ = 1", "δ = 2"])
  }

  @Test("No curve, or curves along different arguments, is an error")
  func refusals() throws {
    let spec = try Catalog.function(named: "gaussian-nll")
    #expect(throws: FigureError.self) { try ManualFigures.chosen(spec, curves: []) }
    let p = spec.defaultParameters
    let a = try spec.view(p)
    let b = try spec.view(p, fixing: ["yhat": .real(1), "y": .real(0)], along: ViewAxis("var"))
    let props = [a, b].map { PropertyEngine.analyze(view: $0.view, options: AnalysisOptions(samples: 2001)) }
    #expect(throws: FigureError.self) {
      try ManualFigures.chosen(
        spec, curves: [
          ChosenCurve(name: "a", view: a.view, properties: props[0]), ChosenCurve(name: "b", view: b.view, properties: props[1]),
        ])
    }
  }
}
