import Dispatch
import LossAtlasCore
import LossAtlasParallel

/// Floating-point and simulation facts about a function at its default
/// parameters (its primary view).
public struct FunctionFacts: Sendable {
  /// The chain of activation derivatives through depth, weights set aside
  /// (activations only).
  public let depth: GradientDepth?
  /// The mean-field gradient gain at He and at Xavier initialisation
  /// (activations only), in ``WeightInit`` order.
  public let gains: [GradientGain]
  /// The finite-width simulations of the gains (when asked for), in the same order.
  public let gainSimulations: [GainSimulation]
  /// The rounding thresholds of the precision study.
  public let precision: [PrecisionThreshold]
  /// Where the value or derivative equals its limit exactly on a half-line.
  public let exactTails: [ExactTail]
  public let naiveFailures: [NaiveFailure]
  public let minimiser: EmpiricalMinimiser?
  /// An activation's domain when it is not the whole real line: then the
  /// gain model and the depth study do not apply (``GradientGain/applies(to:)``)
  /// and are not computed. Nil otherwise.
  public var modelsInapplicable: RealInterval? = nil

  /// No facts: what `check` gets, which reads only the declared
  /// properties (it skips the simulations, scans and precision searches).
  public static let skipped = FunctionFacts(
    depth: nil, gains: [], gainSimulations: [], precision: [], exactTails: [], naiveFailures: [], minimiser: nil)
}

extension FunctionFacts {
  /// These facts with the gain simulations added.
  func with(simulations: [GainSimulation]) -> FunctionFacts {
    var facts = FunctionFacts(
      depth: depth, gains: gains, gainSimulations: simulations, precision: precision, exactTails: exactTails,
      naiveFailures: naiveFailures, minimiser: minimiser)
    facts.modelsInapplicable = modelsInapplicable
    return facts
  }
}

/// Every view of one function at one parameter setting, with the declared
/// properties checked.
public struct SettingAnalysis: Sendable {
  public let parameters: ParameterValues
  public let views: [ViewProperties]
  /// Per view, the declared-vs-computed outcomes.
  public let declared: [[PropertyOutcome]]
  /// The function over its whole domain at these parameters.
  public let domain: DomainProperties
}

/// The analysis of one catalog function over its whole parameter grid.
public struct FunctionAnalysis: Sendable {
  public let id: String
  /// In parameter-grid order; the default setting is `settings[defaultIndex]`.
  public let settings: [SettingAnalysis]
  public let defaultIndex: Int
  public let facts: FunctionFacts

  /// The primary view at the default parameters.
  public var primary: ViewProperties { settings[defaultIndex].views[0] }

  /// The whole domain at the default parameters.
  public var domain: DomainProperties { settings[defaultIndex].domain }

  /// Every declared property that disagrees with the computation.
  public var failures: [(coordinates: String, outcome: PropertyOutcome)] {
    settings.flatMap { s in
      zip(s.views, s.declared).flatMap { view, outcomes in
        outcomes.filter { !$0.passes }.map { (view.coordinates, $0) }
      }
    }
  }
}

/// Runs the property engine over the whole catalog (or some ids), on
/// `threads` threads; results come back in catalog order whatever the
/// scheduling, so reports are deterministic.
public enum CatalogAnalysis {
  ///
  /// `facts: false` skips each function's facts (depth simulation, naive
  /// scans, precision study): `FunctionAnalysis.facts` is then
  /// ``FunctionFacts/skipped``.
  public static func run(
    ids: [String]? = nil, options: AnalysisOptions = AnalysisOptions(), primarySamples: Int = 1_000_001,
    threads: Int = 2, facts computeFacts: Bool = true, catalog: [FunctionSpec] = Catalog.all
  ) -> [FunctionAnalysis] {
    let specs = ids.map { wanted in catalog.filter { wanted.contains($0.id) } } ?? catalog
    // The gain model of every activation first (a few milliseconds each):
    // the finite networks that check it start from its variances, and run
    // as tasks of the pool below, one per seed, beside everything else.
    let primaries = specs.map { $0.views($0.defaultParameters)[0] }
    let activations = specs.indices.filter { specs[$0].family == .activation && GradientGain.applies(to: primaries[$0]) }
    let gainSlots = Slots<[GradientGain]>(count: activations.count)
    parallelFor(activations.count, threads: threads) { a in
      gainSlots[a] = WeightInit.allCases.map { GradientGain.compute(primaries[activations[a]], initialization: $0) }
    }
    var gains: [Int: [GradientGain]] = [:]
    var jobs: [GainSimulation.Job] = []
    var jobOwner: [Int] = []
    for (a, fi) in activations.enumerated() {
      gains[fi] = gainSlots[a]
      for g in gainSlots[a] {
        jobs.append(GainSimulation.Job(view: primaries[fi], initialization: g.initialization, q: g.q))
        jobOwner.append(fi)
      }
    }
    // `check` (facts: false) reads declared properties only: no simulation.
    let simulation = jobs.isEmpty || !computeFacts ? nil : options.gainSimulation
    let allJobs = jobs
    let allGains = gains
    // One task per (function, setting, view), one facts task per function,
    // one whole-domain search of all the settings of a function of several
    // arguments (searched together: see `DomainSearch.run(_:settings:)`),
    // and one task per seed of the gain simulation.
    struct Task {
      let function: Int
      let setting: Int
      let view: Int  // -1: the facts task; -2: the whole-domain search (every setting); -3: seed `setting` of the simulation
    }
    var tasks: [Task] = []
    var settingsPerSpec: [[ParameterValues]] = []
    for k in (simulation?.seeds ?? []).indices { tasks.append(Task(function: -1, setting: k, view: -3)) }
    for (fi, spec) in specs.enumerated() {
      let settings = ParameterGrid.settings(spec)
      settingsPerSpec.append(settings)
      tasks.append(Task(function: fi, setting: defaultIndex(spec, settings), view: -1))
      if Self.hasSeveralArguments(spec) { tasks.append(Task(function: fi, setting: 0, view: -2)) }
      for (si, p) in settings.enumerated() {
        for vi in spec.views(p).indices { tasks.append(Task(function: fi, setting: si, view: vi)) }
      }
    }
    enum Output {
      case facts(FunctionFacts)
      case searches([DomainSearch])
      case view(ViewProperties, [PropertyOutcome])
      case seed([[Double]])
    }
    let results = Slots<Output>(count: tasks.count)
    let allTasks = tasks
    let allSettings = settingsPerSpec
    // Longest first: the whole-domain searches (one per function, all its
    // settings; triplet-margin's was 0.36 s of CPU before session 22's
    // ExactSum work and is about 0.1 s now: started last, a search kept a
    // thread busy alone at the end), the million-sample
    // primary views and the depth simulations go to the threads before the
    // 20,001-sample settings, so the threads finish together. Results land
    // in their slots by task index, so the order of work does not change
    // the output.
    let isHeavy = allTasks.map { task in
      task.view == -3 || task.view == -1
        || (task.view == 0 && task.setting == defaultIndex(specs[task.function], allSettings[task.function]))
    }
    let searches = allTasks.indices.filter { allTasks[$0].view == -2 }
    let heavy = allTasks.indices.filter { isHeavy[$0] }
    let light = allTasks.indices.filter { !isHeavy[$0] && allTasks[$0].view != -2 }
    let order = searches + heavy + light
    parallelFor(tasks.count, threads: threads) { k in
      let t = order[k]
      let task = allTasks[t]
      if task.view == -3, let simulation {
        results[t] = .seed(GainSimulation.layerRatios(allJobs, seed: simulation.seeds[task.setting], settings: simulation))
        return
      }
      let spec = specs[task.function]
      let params = allSettings[task.function][task.setting]
      if task.view == -1 {
        results[t] = .facts(computeFacts ? facts(spec, params, gains: allGains[task.function] ?? []) : .skipped)
      } else if task.view == -2 {
        results[t] = .searches(DomainSearch.run(spec, settings: allSettings[task.function]))
      } else {
        let isPrimary = task.setting == defaultIndex(spec, allSettings[task.function]) && task.view == 0
        var o = options
        if isPrimary { o.samples = max(o.samples, primarySamples) }
        let view = spec.views(params)[task.view]
        let samples = ViewSamples(view, count: o.samples)
        let props = PropertyEngine.analyze(
          samples, functionID: spec.id, isLoss: spec.family.isLoss, parameters: params, viewIndex: task.view, options: o)
        results[t] = .view(props, DeclaredCheck.compare(view.declared, props))
      }
    }
    // The finite networks that check the gain model: the seeds combined.
    var simulations: [[GainSimulation]] = Array(repeating: [], count: specs.count)
    var t = 0
    if let simulation {
      let perSeed = simulation.seeds.indices.map { k -> [[Double]] in
        guard case .seed(let r) = results[k] else { preconditionFailure("task order") }
        return r
      }
      for (owner, sim) in zip(jobOwner, GainSimulation.combine(perSeed, jobs: jobs, settings: simulation)) {
        simulations[owner].append(sim)
      }
      t = simulation.seeds.count
    }
    // Assemble in task order.
    var out: [FunctionAnalysis] = []
    for (fi, spec) in specs.enumerated() {
      guard case .facts(let computed) = results[t] else { preconditionFailure("task order") }
      let factsResult = computed.with(simulations: simulations[fi])
      t += 1
      var searches: [DomainSearch]?
      if Self.hasSeveralArguments(spec) {
        guard case .searches(let s) = results[t], s.count == settingsPerSpec[fi].count else {
          preconditionFailure("task order")
        }
        searches = s
        t += 1
      }
      var settings: [SettingAnalysis] = []
      for (si, p) in settingsPerSpec[fi].enumerated() {
        var views: [ViewProperties] = []
        var declared: [[PropertyOutcome]] = []
        let search = searches?[si]
        for _ in spec.views(p).indices {
          guard case .view(let props, let outcomes) = results[t] else { preconditionFailure("task order") }
          views.append(props)
          declared.append(outcomes)
          t += 1
        }
        let domain = DomainProperties.combine(spec, parameters: p, views: views, search: search)
        declared[0] += DeclaredCheck.compare(spec.declaredDomain(p), domain)
        settings.append(SettingAnalysis(parameters: p, views: views, declared: declared, domain: domain))
      }
      out.append(
        FunctionAnalysis(
          id: spec.id, settings: settings, defaultIndex: defaultIndex(spec, settingsPerSpec[fi]), facts: factsResult))
    }
    return out
  }

  static func defaultIndex(_ spec: FunctionSpec, _ settings: [ParameterValues]) -> Int {
    settings.firstIndex(of: spec.defaultParameters) ?? 0
  }

  /// Whether a function has more than one argument, or a vector one: then
  /// its views are not its whole domain, and a search runs over it.
  public static func hasSeveralArguments(_ spec: FunctionSpec) -> Bool {
    spec.arguments.count > 1 || spec.arguments.contains { $0.kind != .real }
  }

  /// The facts of a function's primary view at `parameters` (without the
  /// gain simulation, which ``run(ids:options:primarySamples:threads:)``
  /// adds for all the activations at once; `gains` when already computed).
  public static func facts(_ spec: FunctionSpec, _ parameters: ParameterValues, gains: [GradientGain]? = nil) -> FunctionFacts {
    let view = spec.views(parameters)[0]
    let samples = ViewSamples(view, count: 4001)
    let models = spec.family == .activation && GradientGain.applies(to: view)
    let gains = models ? gains ?? WeightInit.allCases.map { GradientGain.compute(view, initialization: $0) } : []
    let study = FloatingPointStudy.precisionFacts(samples)
    var facts = FunctionFacts(
      depth: models ? GradientDepth.simulate(view) : nil, gains: gains, gainSimulations: [],
      precision: study.thresholds, exactTails: study.exact,
      naiveFailures: spec.naive.map { FloatingPointStudy.naiveFailures(samples, naive: $0, parameters: parameters) } ?? [],
      minimiser: EmpiricalMinimiser.compute(spec, parameters: parameters))
    if spec.family == .activation && !models { facts.modelsInapplicable = view.domain }
    return facts
  }
}
