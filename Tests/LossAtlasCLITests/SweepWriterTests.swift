import LossAtlasAnalysis
import LossAtlasCore
import Testing

@testable import lossatlas

/// The sweep writer's guard (issue 9, item 19: "no NaN row ever printed
/// with exit 0"): no function of the catalog computes NaN inside its
/// domain, so a view that does is made here, NaN from x > 0 on.
@Suite struct SweepWriterTests {
  static let view = ScalarView(
    label: "x", argument: "x", domain: .realLine, plotRange: -1...1, breakpoints: [], declared: DeclaredProperties(),
    evaluate: { x in x > 0 ? Jet(value: .nan, d1: 0, d2: 0) : Jet(value: x, d1: 1, d2: 0) })

  func write(_ format: String, points: Int) throws -> (text: String, failed: Bool) {
    final class Sink: @unchecked Sendable { var text = "" }
    let sink = Sink()
    var writer = SweepWriter(
      spec: try Catalog.function(named: "identity"), argument: "x",
      plans: [SweepPlan(view: Self.view, parameters: ParameterValues(), grid: .linear(from: -1, to: 1, count: points))])
    writer.writeOut = { sink.text += $0 }
    do {
      if format == "csv" { try writer.csv() } else { try writer.json() }
      return (sink.text, false)
    } catch {
      return (sink.text, true)
    }
  }

  @Test(arguments: ["csv", "json"])
  func aNaNRowIsNeverWritten(format: String) throws {
    let (text, failed) = try write(format, points: 5)
    #expect(failed)
    #expect(!text.lowercased().contains("nan"))
    // Nothing but what precedes the first chunk: the CSV header, or the
    // JSON up to the x column (the x column itself holds no NaN).
    #expect(format == "csv" ? text == "x,value,derivative,second_derivative\n" : text.hasSuffix("\"value\": "))
  }

  @Test func rowsWithoutNaNAreWritten() throws {
    let (text, failed) = try write("csv", points: 1)
    #expect(!failed)
    #expect(text == "x,value,derivative,second_derivative\n-1.0,-1.0,1.0,0.0\n")
  }
}
