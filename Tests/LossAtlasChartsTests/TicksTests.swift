import Testing

@testable import LossAtlasCharts

// MARK: - Nice numbers and linear ticks

@Suite("Ticks")
struct TicksTests {
  /// Heckbert's table: rounded 1.5 -> 2, 3 -> 5, 7 -> 10; ceiling 1.01 -> 2, 2.01 -> 5.
  @Test func niceNumbers() {
    #expect(Ticks.niceNumber(1.4, round: true) == (1, 0))
    #expect(Ticks.niceNumber(1.5, round: true) == (2, 0))
    #expect(Ticks.niceNumber(3, round: true) == (5, 0))
    #expect(Ticks.niceNumber(7, round: true) == (1, 1))
    #expect(Ticks.niceNumber(0.0042, round: true) == (5, -3))
    #expect(Ticks.niceNumber(1.01, round: false) == (2, 0))
    #expect(Ticks.niceNumber(2.01, round: false) == (5, 0))
    #expect(Ticks.niceNumber(1000, round: false) == (1, 3))  // exact power: log10 must not round down
  }

  @Test func unitInterval() {
    let ticks = Ticks.linear(0...1, target: 6)
    #expect(ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    // One number of decimals for the whole axis, and 0.6 is not 0.6000000000000001.
    #expect(ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  }

  @Test func symmetricRangeUsesRealMinus() {
    let ticks = Ticks.linear(-3...3, target: 7)
    #expect(ticks.map(\.value) == [-3, -2, -1, 0, 1, 2, 3])
    #expect(ticks.map(\.label) == ["\u{2212}3", "\u{2212}2", "\u{2212}1", "0", "1", "2", "3"])
    #expect(!ticks.contains { $0.label.contains("-") })  // never the hyphen-minus
  }

  @Test func noFloatingNoiseAndNoNegativeZero() {
    let ticks = Ticks.linear(-0.3...0.3, target: 7)
    #expect(ticks.map(\.label) == ["\u{2212}0.3", "\u{2212}0.2", "\u{2212}0.1", "0.0", "0.1", "0.2", "0.3"])
    #expect(ticks.first?.value == -0.3)  // the Double nearest -0.3, not -3 * 0.1
    #expect(!ticks.contains { $0.label.hasPrefix("\u{2212}0.0") || $0.label == "\u{2212}0" })
  }

  @Test func ticksStayInsideAnExplicitRange() {
    let ticks = Ticks.linear(-0.04...1.04, target: 6)
    #expect(ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
  }

  @Test func heckbertLooseRange() {
    #expect(Ticks.looseRange(0.13, 0.92, target: 6) == 0.0...1.0)
    #expect(Ticks.looseRange(-2.7, 3.1, target: 7) == -3.0...4.0)
  }

  /// 1 - 1e-12 ... 1 + 1e-12: ticks must be distinct, increasing and labelled
  /// with one number of decimals (13 significant digits are needed).
  @Test func tinyRangeAroundOne() {
    let ticks = Ticks.linear((1 - 1e-12)...(1 + 1e-12), target: 5)
    #expect(ticks.count >= 3)
    #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.value < $1.value })
    #expect(Set(ticks.map(\.label)).count == ticks.count)
    let decimals = ticks.map { $0.label.split(separator: ".").last!.count }
    #expect(Set(decimals).count == 1)
    #expect(ticks.contains { $0.label == "1.0000000000000" || $0.label == "1.000000000000" })
  }

  @Test func degenerateRangesAreWidened() {
    #expect(Ticks.widenDegenerate(0, 0) == (-1, 1))
    let (lo, hi) = Ticks.widenDegenerate(5, 5)
    #expect(lo == 4.5 && hi == 5.5)
    #expect(!Ticks.linear(5...5, target: 5).isEmpty)  // a constant series still gets ticks
  }

  /// `lossatlas chart relu --from 0 --to 5e-324` trapped here before
  /// session 25: span / (target - 1) underflowed to 0, which niceNumber's
  /// precondition refuses.
  @Test func subnormalSpansGetTheLeastStep() {
    for range in [0...5e-324, -5e-324...5e-324, 5e-324...1.5e-323, -1e-323...0] {
      for target in [2, 5, 6, 11] {
        let s = Ticks.step(span: range.upperBound - range.lowerBound, target: target)
        #expect(s.value > 0 && s.value <= 1e-322, "\(range) target \(target): \(s)")
        let ticks = Ticks.linear(range, target: target)
        #expect(ticks.allSatisfy { range.contains($0.value) }, "\(range) target \(target): \(ticks.map(\.value))")
      }
    }
    // Spans that do not underflow keep their step.
    #expect(Ticks.step(span: 1e-310, target: 6) == Ticks.Step(mantissa: 2, exponent: -311))
    #expect(Ticks.step(span: 1, target: 6) == Ticks.Step(mantissa: 2, exponent: -1))
  }

  // MARK: Exponent form

  @Test func smallValuesTakeACommonExponent() {
    let ticks = Ticks.linear(0...4e-6, target: 5)
    #expect(ticks.map(\.label) == ["0", "1×10⁻⁶", "2×10⁻⁶", "3×10⁻⁶", "4×10⁻⁶"])
    let half = TickFormatter.labels(multiples: [0, 5, 10, 15], exponent: -7)
    #expect(half == ["0", "0.5×10⁻⁶", "1.0×10⁻⁶", "1.5×10⁻⁶"])
  }

  @Test func largeValuesTakeACommonExponent() {
    let ticks = Ticks.linear(0...3e17, target: 4)
    #expect(ticks.map(\.label) == ["0", "1×10¹⁷", "2×10¹⁷", "3×10¹⁷"])
    #expect(TickFormatter.labels(multiples: [-2, 0, 2], exponent: 6) == ["\u{2212}2×10⁶", "0", "2×10⁶"])
    #expect(TickFormatter.labels(multiples: [0, 25, 50], exponent: 4) == ["0", "250000", "500000"])
  }

  @Test func fixedTicksShareDecimals() {
    let ticks = Ticks.fixed([0, 0.5, 1, 2, .nan, 7], in: 0...2)
    #expect(ticks.map(\.label) == ["0.0", "0.5", "1.0", "2.0"])
    #expect(Ticks.fixed([0.1 + 0.2], in: 0...1).map(\.label) == ["0.3"])
  }

  // MARK: Log ticks

  @Test func logTicksOnPowersOfTen() {
    let ticks = Ticks.log10(0.1...1e6, target: 8)
    let majors = ticks.filter(\.isMajor)
    #expect(majors.map(\.value) == [0.1, 1, 10, 100, 1e3, 1e4, 1e5, 1e6])
    #expect(majors.map(\.label) == ["10⁻¹", "10⁰", "10¹", "10²", "10³", "10⁴", "10⁵", "10⁶"])
  }

  @Test func logTicksThinOverManyDecades() {
    let ticks = Ticks.log10(1e-30...10, target: 8)
    let majors = ticks.filter(\.isMajor)
    #expect(majors.map(\.label) == ["10⁻³⁰", "10⁻²⁵", "10⁻²⁰", "10⁻¹⁵", "10⁻¹⁰", "10⁻⁵", "10⁰"])
    #expect(ticks.count == 32)  // every decade keeps a minor tick
  }

  @Test func logTicksHaveMinorsWhenFewDecades() {
    let ticks = Ticks.log10(1...100, target: 8)
    #expect(ticks.filter(\.isMajor).map(\.label) == ["10⁰", "10¹", "10²"])
    let minors = ticks.filter { !$0.isMajor }.map(\.value)
    #expect(minors.contains(2) && minors.contains(90) && minors.count == 16)
  }

  @Test func logInsideOneDecadeFallsBackToLinear() {
    let ticks = Ticks.log10(2...8, target: 4)
    #expect(ticks.map(\.label) == ["2", "4", "6", "8"])
  }

  @Test func superscripts() {
    #expect(TickFormatter.superscript(-30) == "⁻³⁰")
    #expect(TickFormatter.powerOfTen(0) == "10⁰")
    #expect(TickFormatter.decimal(-5, exponent: -3) == "\u{2212}0.005")
    #expect(TickFormatter.decimal(0, exponent: 3) == "0")
  }
}
