/// A result component: a number, a vector (softmax's value, a gradient in a
/// score vector) or a matrix (a Jacobian, row by row).
public enum Tensor: Sendable, Equatable {
  case scalar(Double)
  case vector([Double])
  case matrix([[Double]])

  /// Every number in the tensor, row-major.
  public var flattened: [Double] {
    switch self {
    case .scalar(let v): return [v]
    case .vector(let v): return v
    case .matrix(let m): return m.flatMap { $0 }
    }
  }

  /// The number, when the tensor is a scalar.
  public var scalarValue: Double? {
    if case .scalar(let v) = self { return v }
    return nil
  }
}

/// A gradient component: the derivative with respect to one named argument.
public struct NamedTensor: Sendable, Equatable {
  public let name: String
  public let tensor: Tensor

  public init(_ name: String, _ tensor: Tensor) {
    self.name = name
    self.tensor = tensor
  }
}

/// The result of evaluating a catalog function at one point.
public struct Evaluation: Sendable, Equatable {
  /// The function's value (a scalar, or a vector for softmax / log-softmax).
  public var value: Tensor
  /// Derivatives with respect to the differentiable arguments, in the
  /// catalog's order: the prediction argument first (and `var` for
  /// gaussian-nll). A Jacobian for softmax and log-softmax.
  public var gradient: [NamedTensor]
  /// The second derivative in the prediction argument, for scalar functions
  /// of one differentiated argument (on the piece that owns the point);
  /// `nil` for vector functions and for functions that report their whole
  /// ``hessian`` instead.
  public var secondDerivative: Double?
  /// The Hessian of a scalar value in all its differentiable arguments, for
  /// functions of several differentiated arguments that give it (the gated
  /// units: [[0, g'(b)], [g'(b), a g''(b)]]): a `.matrix`, rows and columns
  /// in the order of ``gradient`` (each vector argument contributing its
  /// elements in order); `nil` where the function reports only
  /// ``secondDerivative`` or nothing. On a kink, the second derivatives of
  /// the piece that owns the point.
  public var hessian: Tensor?

  public init(value: Tensor, gradient: [NamedTensor], secondDerivative: Double? = nil, hessian: Tensor? = nil) {
    self.value = value
    self.gradient = gradient
    self.secondDerivative = secondDerivative
    self.hessian = hessian
  }

  /// The gradient component named `name`.
  public func gradient(_ name: String) -> Tensor? {
    gradient.first { $0.name == name }?.tensor
  }
}
