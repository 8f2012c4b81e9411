import Foundation
@testable import LossAtlasAnalysis
import LossAtlasCore
import Testing

/// The finite-width check of the gain model: a random network of width 256
/// agrees with the mean-field model where the model is known to hold, and
/// the simulation is deterministic whatever the threads.
@Suite struct GainSimulationTests {
  static func view(_ id: String) throws -> ScalarView { try Catalog.function(named: id).primaryView }

  /// Width 256 as in the manual; 20 layers and 6 seeds keep the debug build quick.
  static let settings = GainSimulation.Settings(width: 256, depth: 20, seeds: [11, 12, 13, 14, 15, 16])

  @Test("width 256: the simulated gradient after 20 layers lies within 3 standard errors of the model (relu He, identity Xavier, sigmoid Xavier, tanh He)")
  func agreesWithModel() throws {
    let cases: [(String, WeightInit)] = [("relu", .he), ("identity", .xavier), ("sigmoid", .xavier), ("tanh", .he)]
    var jobs: [GainSimulation.Job] = []
    var models: [GradientGain] = []
    for (id, initialization) in cases {
      let v = try Self.view(id)
      let g = GradientGain.compute(v, initialization: initialization, depth: Self.settings.depth)
      models.append(g)
      jobs.append(GainSimulation.Job(view: v, initialization: initialization, q: g.q))
    }
    let sims = GainSimulation.run(jobs, settings: Self.settings, threads: 2)
    for ((id, initialization), (g, sim)) in zip(cases, zip(models, sims)) {
      let k = Self.settings.depth
      #expect(sim.band(k, sigmas: 3)?.contains(g.depthRatio[k - 1]) == true, "\(id) \(initialization): model \(g.depthRatio[k - 1]), simulated \(sim.depthRatio[k - 1]) ± \(sim.logStandardError[k - 1]) in log")
      // The band is a real uncertainty, not a licence: at most a factor 2 either way here.
      #expect(sim.logStandardError[k - 1] < log(2.0))
    }
  }

  @Test("the same figures on 1 or 2 threads, and for a job alone or in a batch")
  func deterministic() throws {
    let small = GainSimulation.Settings(width: 32, depth: 8, seeds: [1, 2, 3])
    let jobs = try ["tanh", "relu"].map { GainSimulation.Job(view: try Self.view($0), initialization: .he, q: 1) }
    let one = GainSimulation.run(jobs, settings: small, threads: 1)
    let two = GainSimulation.run(jobs, settings: small, threads: 2)
    #expect(one == two)
    let alone = GainSimulation.run(jobs[1].view, initialization: .he, q: 1, settings: small)
    #expect(alone == one[1])
  }

  @Test("identity at Xavier: each layer's ratio is |W^T d|^2 / |d|^2, whose mean is exactly 1; the simulation is an average of such ratios")
  func identityRatios() throws {
    let small = GainSimulation.Settings(width: 64, depth: 30, seeds: [5, 6, 7, 8, 9, 10, 11, 12])
    let job = GainSimulation.Job(view: try Self.view("identity"), initialization: .xavier, q: 1)
    let sim = GainSimulation.run([job], settings: small)[0]
    // Per layer: a chi-square of 64 degrees of freedom over 64, standard
    // deviation sqrt(2/64) = 0.18; the mean of 8 seeds over 30 layers lies
    // within a few percent a layer of 1.
    let perLayer = pow(sim.depthRatio[29], 1.0 / 30)
    #expect(abs(perLayer - 1) < 0.05)
  }
}
