import Foundation
import LossAtlasCore

/// A user expression compiled for fast Double evaluation: a flat list of
/// instructions over a register file, the value and derivative graphs
/// evaluated together with every shared subexpression computed once.
///
/// Binding fixes the parameters and the arguments that do not vary: every
/// node that depends on nothing that varies is computed once, when the
/// program is bound (constants such as 2/sqrt(pi), the parameters' terms, a
/// catalog call on a fixed argument), and a point only runs the nodes that
/// depend on the varying arguments. A point allocates nothing: the registers
/// live on the stack (`withUnsafeTemporaryAllocation`), the instructions in
/// memory owned by the program, and catalog calls go through the catalog's
/// own scalar closure when the call's other arguments are fixed.
///
/// Each instruction computes exactly what the reference interpreter
/// ``DoubleTrace`` computes (the tests hold them equal bit for bit), except
/// that `a^2` is computed as a * a, which is the same correctly rounded
/// number as glibc's pow(a, 2).
public final class Program: @unchecked Sendable {
  /// Registers holding the varying arguments, in the order given to ``bind``.
  let inputRegisters: [Int32]
  /// Registers of the requested outputs.
  let outputRegisters: [Int32]
  public let registerCount: Int
  private let instructions: UnsafeMutableBufferPointer<Instruction>
  /// Values copied into registers 0..<constants.count before each point.
  private let constants: UnsafeMutableBufferPointer<Double>
  private let kernels: [CatalogKernel]
  /// Whether every catalog call takes the catalog's allocation-free path.
  public let isAllocationFree: Bool

  enum OpCode: UInt8 {
    case add, subtract, multiply, divide, negate, power, square
    case exp, expm1, log, log1p, sqrt, abs, sign, sin, cos, tan, tanh, sinh, cosh, atan, erf, erfc
    case minimum, maximum, select
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual, and, or, not
    case move
    /// Calls kernel `a` on the registers b..<b+k, writing outputs from `dst`.
    case catalog
  }

  struct Instruction {
    var op: OpCode
    var dst: Int32
    var a: Int32
    var b: Int32 = 0
    var c: Int32 = 0
  }

  /// Binds `expression` at `parameters`, with the arguments in `varying`
  /// free and every other argument fixed at its value in `arguments`; the
  /// program computes `outputs` (node ids) from the varying arguments.
  public init(
    _ expression: UserExpression, parameters: [Double], arguments: [Double], varying: [Int], outputs: [TermID]
  ) {
    let graph = expression.graph
    let needed = graph.topologicalOrder(outputs)
    // Which nodes vary with the varying arguments.
    var varies = [Bool](repeating: false, count: graph.count)
    for n in needed {
      if case .argument(let i) = graph[n].op { varies[n] = varying.contains(i) }
      else { varies[n] = graph[n].children.contains { varies[$0] } }
    }
    // Fixed nodes are evaluated now, in Double, by the reference interpreter.
    var fixedArguments = arguments
    for i in varying { fixedArguments[i] = .nan }
    let prologue = DoubleTrace(expression, arguments: fixedArguments, parameters: parameters, roots: outputs).values

    // Registers: fixed values the points read first, then everything that varies.
    var register: [TermID: Int32] = [:]
    var constantValues: [Double] = []
    func fixedRegister(_ n: TermID) -> Int32 {
      if let r = register[n] { return r }
      constantValues.append(prologue[n])
      register[n] = Int32(constantValues.count - 1)
      return register[n]!
    }
    for n in needed where varies[n] {
      for c in graph[n].children where !varies[c] { _ = fixedRegister(c) }
    }
    for n in outputs where !varies[n] { _ = fixedRegister(n) }
    var next = Int32(constantValues.count)
    func newRegisters(_ count: Int) -> Int32 {
      defer { next += Int32(count) }
      return next
    }
    var inputs: [Int32] = []
    for i in varying {
      let r = newRegisters(1)
      inputs.append(r)
      if let n = graph.nodes.firstIndex(where: { $0.op == .argument(i) }) { register[n] = r }
    }
    // Register reuse: a scalar register is free again after the last
    // instruction that reads it (outputs, inputs and catalog blocks are kept),
    // so the register file stays small and on the stack.
    let order = needed.filter { varies[$0] }
    var lastUse: [TermID: Int] = [:]
    for (step, n) in order.enumerated() {
      for c in graph[n].children where varies[c] { lastUse[c] = step }
    }
    let keep = Set(outputs)
    var reusable = Set<TermID>()
    var free: [Int32] = []
    var code: [Instruction] = []
    var kernels: [CatalogKernel] = []
    var callOutputs: [[Int]: Int32] = [:]
    var allFast = true
    for (step, n) in order.enumerated() {
      let node = graph[n]
      if case .argument = node.op { continue }
      let c = node.children.map { register[$0]! }
      defer {
        // Operands whose last reader this is give their registers back
        // (after the instruction is emitted: it reads them before writing).
        for child in Set(node.children) where lastUse[child] == step && reusable.contains(child) {
          free.append(register[child]!)
          reusable.remove(child)
        }
      }
      switch node.op {
      case .catalog(let k, let output):
        let callee = graph.callees[k]
        let count = callee.argumentNames.count
        let key = [k] + node.children
        let base: Int32
        if let existing = callOutputs[key] {
          base = existing
        } else {
          let scratch = newRegisters(count)
          base = newRegisters(CatalogKernel.outputCount(arguments: count))
          for j in 0..<count { code.append(Instruction(op: .move, dst: scratch + Int32(j), a: c[j])) }
          let fixed = (0..<count).map { j in varies[node.children[j]] ? nil : Optional(prologue[node.children[j]]) }
          let params = node.children.dropFirst(count).map { prologue[$0] }
          let kernel = CatalogKernel.make(callee, parameters: Array(params), fixed: fixed)
          allFast = allFast && kernel.isFast
          kernels.append(kernel)
          code.append(Instruction(op: .catalog, dst: base, a: Int32(kernels.count - 1), b: scratch, c: Int32(count)))
          callOutputs[key] = base
        }
        register[n] = base + Int32(CatalogKernel.outputIndex(output, arguments: count))
        continue
      default:
        break
      }
      let dst = free.popLast() ?? newRegisters(1)
      register[n] = dst
      if !keep.contains(n) { reusable.insert(n) }
      let op: OpCode
      switch node.op {
      case .add: op = .add
      case .subtract: op = .subtract
      case .multiply: op = .multiply
      case .divide: op = .divide
      case .negate: op = .negate
      case .power:
        op = graph.constantValue(node.children[1]) == 2 ? .square : .power
      case .function(let f): op = Program.opCode(f)
      case .minimum: op = .minimum
      case .maximum: op = .maximum
      case .select: op = .select
      case .compare(let cmp):
        switch cmp {
        case .less: op = .less
        case .lessOrEqual: op = .lessOrEqual
        case .greater: op = .greater
        case .greaterOrEqual: op = .greaterOrEqual
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        }
      case .and: op = .and
      case .or: op = .or
      case .not: op = .not
      default: preconditionFailure("a node without varying children cannot vary")
      }
      code.append(Instruction(op: op, dst: dst, a: c[0], b: c.count > 1 ? c[1] : 0, c: c.count > 2 ? c[2] : 0))
    }
    self.inputRegisters = inputs
    self.outputRegisters = outputs.map { register[$0]! }
    // The jet's registers as plain integers: no array access per point.
    self.jetInput = Int(inputs.first ?? 0)
    self.jetOutputs = outputs.count >= 3
      ? (Int(register[outputs[0]]!), Int(register[outputs[1]]!), Int(register[outputs[2]]!)) : (0, 0, 0)
    self.registerCount = Int(next)
    self.instructions = .allocate(capacity: max(1, code.count))
    _ = self.instructions.initialize(from: code)
    self.instructionCount = code.count
    self.constants = .allocate(capacity: max(1, constantValues.count))
    _ = self.constants.initialize(from: constantValues)
    self.constantCount = constantValues.count
    self.kernels = kernels
    self.isAllocationFree = allFast
  }

  public let instructionCount: Int
  private let constantCount: Int
  private let jetInput: Int
  private let jetOutputs: (Int, Int, Int)

  deinit {
    instructions.deallocate()
    constants.deallocate()
  }

  /// Runs the program on `inputs` (one per varying argument), writing one
  /// number per output.
  @inline(__always)
  public func run(_ inputs: UnsafePointer<Double>, _ outputs: UnsafeMutablePointer<Double>) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: registerCount) { buffer in
      let r = buffer.baseAddress!
      if constantCount > 0 { r.update(from: constants.baseAddress!, count: constantCount) }
      for (i, reg) in inputRegisters.enumerated() { r[Int(reg)] = inputs[i] }
      execute(r)
      for (i, reg) in outputRegisters.enumerated() { outputs[i] = r[Int(reg)] }
    }
  }

  /// The three outputs at one value of the single varying argument, as a
  /// ``Jet`` (the program must have been bound with one varying argument
  /// and three outputs: value, derivative, second derivative).
  @inline(__always)
  public func jet(_ x: Double) -> Jet {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: registerCount) { buffer in
      let r = buffer.baseAddress!
      // A plain loop: for the few constants of a formula it beats a memmove call.
      let c = constants.baseAddress!
      for i in 0..<constantCount { r[i] = c[i] }
      r[jetInput] = x
      execute(r)
      return Jet(value: r[jetOutputs.0], d1: r[jetOutputs.1], d2: r[jetOutputs.2])
    }
  }

  @inline(__always)
  private func execute(_ r: UnsafeMutablePointer<Double>) {
    let code = instructions.baseAddress!
    for pc in 0..<instructionCount {
      let ins = code[pc]
      let a = r[Int(ins.a)]
      let d = Int(ins.dst)
      switch ins.op {
      case .add: r[d] = a + r[Int(ins.b)]
      case .subtract: r[d] = a - r[Int(ins.b)]
      case .multiply: r[d] = a * r[Int(ins.b)]
      case .divide: r[d] = a / r[Int(ins.b)]
      case .negate: r[d] = -a
      case .power: r[d] = Foundation.pow(a, r[Int(ins.b)])
      case .square: r[d] = a * a
      case .exp: r[d] = Foundation.exp(a)
      case .expm1: r[d] = Foundation.expm1(a)
      case .log: r[d] = Foundation.log(a)
      case .log1p: r[d] = Foundation.log1p(a)
      case .sqrt: r[d] = a.squareRoot()
      case .abs: r[d] = Swift.abs(a)
      case .sign: r[d] = a > 0 ? 1 : (a < 0 ? -1 : (a == 0 ? 0 : .nan))
      case .sin: r[d] = Foundation.sin(a)
      case .cos: r[d] = Foundation.cos(a)
      case .tan: r[d] = Foundation.tan(a)
      case .tanh: r[d] = Foundation.tanh(a)
      case .sinh: r[d] = Foundation.sinh(a)
      case .cosh: r[d] = Foundation.cosh(a)
      case .atan: r[d] = Foundation.atan(a)
      case .erf: r[d] = Foundation.erf(a)
      case .erfc: r[d] = Foundation.erfc(a)
      case .minimum: r[d] = DoubleOps.minimum(a, r[Int(ins.b)])
      case .maximum: r[d] = DoubleOps.maximum(a, r[Int(ins.b)])
      case .select: r[d] = a != 0 ? r[Int(ins.b)] : r[Int(ins.c)]
      case .less: r[d] = a < r[Int(ins.b)] ? 1 : 0
      case .lessOrEqual: r[d] = a <= r[Int(ins.b)] ? 1 : 0
      case .greater: r[d] = a > r[Int(ins.b)] ? 1 : 0
      case .greaterOrEqual: r[d] = a >= r[Int(ins.b)] ? 1 : 0
      case .equal: r[d] = a == r[Int(ins.b)] ? 1 : 0
      case .notEqual: r[d] = a != r[Int(ins.b)] ? 1 : 0
      case .and: r[d] = (a != 0 && r[Int(ins.b)] != 0) ? 1 : 0
      case .or: r[d] = (a != 0 || r[Int(ins.b)] != 0) ? 1 : 0
      case .not: r[d] = a != 0 ? 0 : 1
      case .move: r[d] = a
      case .catalog: kernels[Int(ins.a)].evaluate(r + Int(ins.b), r + d)
      }
    }
  }

  static func opCode(_ f: UnaryFunction) -> OpCode {
    switch f {
    case .exp: return .exp
    case .expm1: return .expm1
    case .log: return .log
    case .log1p: return .log1p
    case .sqrt: return .sqrt
    case .abs: return .abs
    case .sign: return .sign
    case .sin: return .sin
    case .cos: return .cos
    case .tan: return .tan
    case .tanh: return .tanh
    case .sinh: return .sinh
    case .cosh: return .cosh
    case .atan: return .atan
    case .erf: return .erf
    case .erfc: return .erfc
    }
  }
}

extension UserExpression {
  /// The scalar view in the differentiated argument `argument` (an index
  /// into `differentiated`), the other arguments fixed at `arguments`: a
  /// closure returning value, derivative and second derivative, allocation
  /// free.
  public func viewProgram(parameters: [Double], arguments: [Double], differentiatedIndex k: Int) -> Program {
    Program(
      self, parameters: parameters, arguments: arguments, varying: [differentiated[k]],
      outputs: [value, gradient[k], hessian[k][k]])
  }
}
