import BenchFigures
import LossAtlasCharts

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Writes the example figures as PNGs so a person can look at them.
let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/charts-demo"
mkdir(directory, 0o755)
let renderer = ChartRenderer()
for (name, figure) in BenchFigures.examples() {
  do {
    let bytes = try renderer.renderPNG(figure)
    let path = "\(directory)/\(name).png"
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    print("\(path): \(bytes.count) bytes")
  } catch {
    print("\(name): \(error)")
  }
}
