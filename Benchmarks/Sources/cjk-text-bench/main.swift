import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#endif

// Release-mode timing of Chinese chart text (issue 13); see BENCHMARKS.md.
//   cjk-text-bench [iterations=2000]
// Prints: the first Chinese text of a process (it reads WenQuanYi Micro
// Hei's cmap), then µs to measure (render the coverage of) one label with
// the process text cache off: English, mixed Chinese/Latin/math, Chinese
// only, bold; then ms per two-panel figure with Chinese and with English
// labels, text cache on and off.

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2000

func microseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}

func format2(_ x: Double) -> String {
  let scaled = Int((x * 100).rounded())
  return "\(scaled / 100).\(String(scaled % 100).count == 1 ? "0" : "")\(scaled % 100)"
}

let fonts = ChartRenderer().fonts
let clock = ContinuousClock()

do {
  let first = try clock.measure { _ = try fonts.runs(of: "交叉熵") }
  print("first Chinese text of the process (reads the CJK font's cmap): \(format2(microseconds(first) / 1000)) ms")

  let labels: [(String, String, Bool)] = [
    ("English label", "f′(x) for x ∈ [−6, 6]", false),
    ("mixed label", "交叉熵损失 L(ŷ, y) 的导数 ∂L/∂ŷ（σ = 0.5）", false),
    ("Chinese label", "真实类别概率", false),
    ("mixed bold title", "Sigmoid 激活函数：值与导数（梯度消失）", true),
  ]
  for (name, text, bold) in labels {
    for _ in 0..<50 { _ = try fonts.measure(text, bold: bold, pixelSize: 13.5, cached: false) }
    let runs = try fonts.runs(of: text, bold: bold).count
    let d = try clock.measure {
      for _ in 0..<iterations { _ = try fonts.measure(text, bold: bold, pixelSize: 13.5, cached: false) }
    }
    print("\(name) '\(text)' (\(runs) run(s)): \(format2(microseconds(d) / Double(iterations))) µs to measure and render, uncached")
  }

  func figure(chinese: Bool) -> Figure {
    func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    let t = chinese
      ? ("σ(x) 的值", "二阶导数 f″(x)", "输入 x", "值 f(x)", "导数 f′(x)", "真实类别概率 p", "导数", "Sigmoid 激活函数：值与导数（梯度消失）")
      : ("σ(x): value", "second derivative f″(x)", "input x", "value f(x)", "derivative f′(x)", "true-class probability p", "derivative", "Sigmoid activation: value and derivative (vanishing gradient)")
    let value = Chart(title: t.0, x: Axis(t.2, range: -6...6), y: Axis(t.3), series: [Series(t.5, sampling: sigmoid, over: -6...6)])
    let derivative = Chart(
      title: t.1, x: Axis(t.2, range: -6...6), y: Axis(t.4),
      series: [Series(t.6, sampling: { sigmoid($0) * (1 - sigmoid($0)) }, over: -6...6)])
    return Figure(panels: [value, derivative], columns: 2, title: t.7)
  }
  for chinese in [false, true] {
    for cached in [true, false] {
      let renderer = ChartRenderer(cachesText: cached)
      let f = figure(chinese: chinese)
      for _ in 0..<10 { _ = try renderer.renderPNG(f) }
      let n = max(20, iterations / 20)
      let d = try clock.measure { for _ in 0..<n { _ = try renderer.renderPNG(f) } }
      print("two-panel figure, \(chinese ? "Chinese" : "English") labels, text cache \(cached ? "on" : "off"): \(format2(microseconds(d) / Double(n) / 1000)) ms per figure")
    }
  }
} catch {
  print("error: \(error)")
}
