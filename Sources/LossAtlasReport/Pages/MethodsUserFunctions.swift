import LossAtlasAnalysis
import LossAtlasCore

/// The methods page's section on functions defined by a formula (issue 11):
/// the expression grammar and the numerical-safety analysis. Its English
/// is here, in one builder, and reaches the English edition's strings
/// table under `methods.userFunctions.*` (``MethodsText``); the Chinese
/// edition's text is templates/strings/zh/methods-extra.yaml, under the
/// same keys, with `{placeholders}` for the numbers (``values``). Every
/// number comes from the code that applies it.
enum MethodsUserFunctions {
  /// The page's text in `strings`'s edition: each paragraph or fact by its
  /// key, the numbers filled in.
  static func intro(_ strings: Strings) -> [String] { intro.indices.map { strings(key("intro.\($0)")) } }

  static func grammar(_ strings: Strings) -> [Fact] {
    grammar.indices.map { i in
      Fact(name: grammar[i].name, value: strings(key("grammar.\(grammarKeys[i])"), values(strings)["grammar.\(grammarKeys[i])"] ?? [:]))
    }
  }

  static func derivatives(_ strings: Strings) -> [String] { derivatives.indices.map { strings(key("derivatives.\($0)")) } }

  static func safety(_ strings: Strings) -> [Fact] {
    safetyKeys.map { k in
      Fact(name: strings(key("safety.\(k).name")), value: strings(key("safety.\(k).value"), values(strings)["safety.\(k)"] ?? [:]))
    }
  }

  /// `methods.userFunctions.<path>`.
  static func key(_ path: String) -> String { "methods.userFunctions." + path }

  /// The keys of the grammar's lines and of the safety analysis's aspects, in page order.
  static let grammarKeys = ["numbers", "names", "operators", "functions", "where", "catalog", "limits"]
  static let safetyKeys = [
    "twoEvaluations", "doubleDouble", "whatFails", "inputsChecked", "firstFailing", "culprit", "catalogEquivalent", "functionAndFormula",
  ]

  /// Every English text with its key (the English edition's entries).
  static var english: [(key: String, text: String)] {
    intro.enumerated().map { (key("intro.\($0.offset)"), $0.element) }
      + zip(grammarKeys, grammar).map { (key("grammar.\($0)"), $1.value) }
      + derivatives.enumerated().map { (key("derivatives.\($0.offset)"), $0.element) }
      + zip(safetyKeys, safety).flatMap { [(key("safety.\($0).name"), $1.name), (key("safety.\($0).value"), $1.value)] }
  }

  /// The numbers of the texts that print some, by key (without the
  /// `methods.userFunctions.` prefix and the `.value` suffix): the Chinese
  /// tables' `{placeholders}`, filled from the same code as the English;
  /// a list of numbers joined as `strings`'s edition joins a list.
  static func values(_ strings: Strings) -> [String: [String: String]] {
    let precisions = SafetyCriteria.precisions
    let extremes = SafetyCriteria.extremeInputs.filter { $0 >= 0 }.map { $0 == 0 ? "0" : "±" + Readable.number($0) }
    return [
      "grammar.catalog": ["count": Readable.count(CatalogCallee.byName.count)],
      "grammar.limits": [
        "nodes": Readable.count(Parser.maximumNodes), "depth": Readable.count(Parser.maximumDepth),
        "shared": Readable.count(TermGraph.maximumNodes),
      ],
      "safety.twoEvaluations": [
        "lowBits": Readable.count(precisions.first ?? 0), "highBits": Readable.count(precisions.last ?? 0),
        "exponentBits": String(SafetyCriteria.exponentBits),
      ],
      "safety.whatFails": [
        "relative": Readable.number(SafetyCriteria.relativeTolerance), "absolute": Readable.number(SafetyCriteria.absoluteTolerance),
      ],
      "safety.inputsChecked": ["sweep": String(SafetyCriteria.sweepPoints), "extremes": extremes.joined(separator: strings("phrasing.list.separator"))],
    ]
  }

  /// The paragraphs before the grammar.
  static var intro: [String] {
    [
      "A claim file's functions: section (or any file given with --functions FILE) defines a function by a formula: an id, its family (activation, regression-loss, margin-loss, probabilistic-loss or other), its scalar arguments, the ones differentiated (the first by default), the domain of each argument, parameters with their defaults and ranges, and the formula. LossAtlas reads the formula with the grammar below, differentiates it symbolically, and makes the function a catalog entry for the run: every property on this page is computed for it by the same engine and the same code paths as for the catalog's functions. What only a formula as written can have is added: its numerical safety in Double.",
      "Expressions are data, never code: nothing beyond the grammar is evaluated. A formula that cannot be read is refused with FILE:LINE:COLUMN, the line, a caret under the offending text and what is allowed there; the command writes nothing.",
    ]
  }

  /// The grammar, one construct a line: its syntax, then what it means.
  static var grammar: [Fact] {
    let functions = UnaryFunction.allCases.map(\.rawValue).joined(separator: " ")
    return [
      Fact(
        name: "1.5  2e-3  .5  pi  e  inf",
        value: "Decimal numbers with an optional exponent, and the constants π, e and ∞. A decimal is exact in the wide arithmetic (0.1 is 1/10 there) and the nearest Double in Double."),
      Fact(
        name: "x  yhat  delta",
        value: "The function's arguments and parameters. A name that is neither, nor a function below, is an error that names the closest known name."),
      Fact(
        name: "+  -  *  /  ^  ( )",
        value: "From the loosest: + and − (left to right), * and / (left to right), unary − and +, then ^, which is right-associative (2^3^2 = 2^9) and binds tighter than unary minus: -x^2 is −(x²); a signed exponent reads as one (2^-x is 2^(−x)). Division by a constant zero is refused."),
      Fact(
        name: functions + " min max",
        value: "Functions of one argument (min and max of two), evaluated in Double by the C library as a program would, and exactly in the wide arithmetic."),
      Fact(
        name: "where(cond, a, b)",
        value: "a where cond holds, b elsewhere. A condition compares two expressions with <, <=, >, >=, == or != (not chained: a < b < c is refused) and combines comparisons with not, and, or, binding in that order (not tightest)."),
      Fact(
        name: "gelu_tanh(x)  leaky_relu(x, slope=0.2)",
        value: "Every scalar catalog function (\(Readable.count(CatalogCallee.byName.count)) of them) by its id with - written _, its parameters at the catalog's defaults unless named. It is evaluated by the catalog's stable implementation and contributes the catalog's exact derivatives; in the wide arithmetic, by the catalog's formula."),
      Fact(
        name: "limits",
        value: "At most \(Readable.count(Parser.maximumNodes)) nodes as written and \(Readable.count(Parser.maximumDepth)) levels of nesting (parentheses, calls, signs and every operator of a chain count); the formula and its derivatives together at most \(Readable.count(TermGraph.maximumNodes)) shared nodes. An argument domain or parameter range that is empty is refused."),
    ]
  }

  /// How the derivatives are formed.
  static var derivatives: [String] {
    [
      "First and second derivatives are derived symbolically from the expression tree and simplified (no 0 · or 1 · is left; a subexpression written twice is computed once). Where a formula has a kink, the derivative is the catalog's convention: abs'(0) = 0 (abs' is sign, as for mae) and sign' = 0; at a tie of max(a, b) or min(a, b), the element of the subgradient between a' and b' nearest 0 (relu'(0) = 0, hinge's 0 at y s = 1, hard-tanh's 0 at its corners), and f'' is that of the piece whose f' is reported; where(c, a, b) differentiates each branch, and the branch the condition selects owns its boundary point. The formulas are printed by eval, properties and the function's page, in the grammar and in LaTeX.",
    ]
  }

  /// The numerical-safety analysis, one aspect a line.
  static var safety: [Fact] {
    let precisions = SafetyCriteria.precisions
    let bits = "\(Readable.count(precisions.first ?? 0)) to \(Readable.count(precisions.last ?? 0))"
    let extremes = SafetyCriteria.extremeInputs.filter { $0 >= 0 }.map { $0 == 0 ? "0" : "±" + Readable.number($0) }
    return [
      Fact(
        name: "Two evaluations",
        value: "At each input checked, every node of the formula and of its two derivatives is evaluated in Double, operation by operation, as a program computes the formula as written, and exactly: in ball arithmetic (a midpoint and a radius that provably contains the exact value), with arbitrary-precision midpoints of \(bits) bits, raised until each result is decided, and an exponent range of ±2^(2^\(SafetyCriteria.exponentBits))."),
      Fact(
        name: "Why not double-double",
        value: "Double-double arithmetic has about 106 bits but Double's exponent range: exp(800), 1e300 squared and 1e-400 overflow or underflow in it exactly as in Double, so it cannot tell a formula that overflows from a value that is infinite, nor say what the finite value is. It also carries no error bound: a cancellation of more than its 106 bits would give wrong digits silently, where a ball widens and the precision is raised."),
      Fact(
        name: "What fails",
        value: "A component (the value, f' or f'') fails at an input where the Double result is NaN or ±∞ while the exact value is finite, or is off by more than \(Readable.number(SafetyCriteria.relativeTolerance)) relative to the exact value and more than \(Readable.number(SafetyCriteria.absoluteTolerance)) absolutely. Where the formula has no real value (log of a negative number) the input is outside its domain, not a failure; where the exact value is infinite, Double must give that infinity. The formula is evaluation-stable when neither the value nor f' fails anywhere; failures of f'' are reported but do not decide it."),
      Fact(
        name: "Inputs checked",
        value: "In the view's domain: \(SafetyCriteria.sweepPoints) evenly spaced points over the plot range; \(extremes.joined(separator: ", ")); the domain's edges; ±1, 2 and 5 · 10^k for k = −20 … 4; and ±10^k for k = ±10, ±20, … ±290, so that a failure between the sweep and the extremes is seen."),
      Fact(
        name: "First failing input",
        value: "Each run of neighbouring failing inputs is a region. Its edge toward each end is found by bisection on representable Doubles, ordered as their bit patterns (adjacent Doubles differ by one, about 64 steps): the report gives the first failing input and its passing neighbour. Where failures come and go with each input's own rounding (a cancellation's onset), the edge is confirmed by a dense check of the inputs around it and the region is marked intermittent. Where the Double value is exactly 0 over part of a region, the first such input is given too."),
      Fact(
        name: "The culprit",
        value: "At the first failing input, the nodes that the Double evaluation uses (of a where(), the branch its condition selects) are walked children first; the culprit is the first node whose Double value fails against its exact value while every child it reads passes: the operation where the error was born, printed as the formula's own text. Its cause names the mechanism: the overflow of a finite value above the Double range (exp(x) beyond x = 709.78), an underflow to 0, a cancellation (a subtraction whose operands agree in most of their digits), the log of a rounded 1 (log(1 + tiny), where the tiny part lost its digits), or rounding amplified by an ill-conditioned function."),
      Fact(
        name: "Catalog equivalent",
        value: "Every scalar catalog function with as many arguments, at its default parameters and along its parameter grid, is compared with the formula at 14 inputs spread over [−30, 30] (the formula exactly, the catalog by its stable implementation); one that agrees to 10⁻⁹ relative at all of them (at least 8 in the domain) is named as the same mathematics and suggested: log(1 + exp(x)) is softplus."),
      Fact(
        name: "The function and the formula",
        value: "The properties are those of the function: where the formula as written is NaN or ±∞ in Double but the exact value is finite, the function's entry (and so eval, the properties and the figures) reports the exact value rounded to Double, and eval says so beside the number. The safety report is about the formula as written."),
    ]
  }
}
