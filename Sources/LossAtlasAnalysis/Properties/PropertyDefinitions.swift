/// The engine's definitions, as the manual's methods page prints them. Each
/// entry is the property's name (as claim files spell it) and how the
/// engine decides it; the thresholds are the engine's own constants.
public enum PropertyDefinitions {
  public static func all(tau: Double) -> [(name: String, definition: String)] {
    [
      ("sampling", "Each scalar view is sampled once: a dense grid (20,001 points; 1,000,001 for a function's primary view at its default parameters) over the search interval — the plot range widened by its own width on each side, clipped to the domain — plus 20 points a decade from its edges out to ±1e300 (or to within 1e-300 of a finite open domain end). Every property reads these samples; nothing is decided from the plot grid alone."),
      ("range", "The infimum and supremum over the domain, and whether each is attained. Candidates are the limits toward the domain's ends (read from the far samples: converged when the values at 1e290 and 1e300 agree to 1e-9, diverging otherwise, so slow log growth is still unbounded), closed domain ends, breakpoints, critical points (sign changes of f' refined by bisection), and flat pieces (pieces where f' is exactly 0 at every probe). A value is attained only if such a witness reaches it: a sample that merely rounds to a limit (tanh(24) is 1.0 in Double) does not count."),
      ("monotonic", "increasing when f' ≥ 0 at every sample and every jump of f at a breakpoint is ≥ 0, with some > 0 (non-decreasing, not constant); decreasing symmetrically; constant when all are 0; neither otherwise. derivative-monotonic applies the same test to f'' and the jumps of f'."),
      ("continuity", "The highest k such that f is C^k, from one-sided limits at every declared breakpoint (linear extrapolation from b ± h and b ± 2h, h = 1e-7 max(1, |b|)); a jump counts when the limits differ by more than 1e-6 of their size. f''' is compared by one-sided difference quotients of f''. Pieces are analytic, so no jump up to f''' means C∞."),
      ("zero-centered", "f(0) = 0; identity-near-origin: f(0) = 0 and f'(0) = 1 (to 1e-12)."),
      ("max-abs-derivative", "sup |f'| over the domain and where it is attained, found like the range (critical points of |f'| are sign changes of f''), or unbounded."),
      ("saturation", "saturates-left/right: |f'(x)| → 0 as x → −∞ / +∞ (false at a finite domain end). Saturation intervals: where |f'| < τ · max |f'| with τ = \(tau), their ends found by bisection to 1e-9 relative, not by grid spacing."),
      ("dead-region", "The intervals where f' is exactly 0: whole analytic pieces on which f' is 0 at every probe inside the search interval, joined across breakpoints whose subgradient is 0. Underflow far out (sigmoid' below −745) is not a dead region."),
      ("depth-to-vanish", "For activations: x_l ~ N(0, 1) independently for each layer l, 10,000 samples (5,000 antithetic pairs x, −x from a fixed seed); the median (the 5,000th smallest) and mean of |∏ f'(x_l)| for L = 1…100. Depth-to-vanish is the first L where the median is below 1e-6."),
      ("convex", "f'' ≥ 0 at every sample, every jump of f' at a breakpoint ≥ 0, and f continuous; concave symmetrically. Cross-checked by 4,000 midpoint tests f((a+b)/2) ≤ (f(a) + f(b))/2 (half of them on short intervals): a convex verdict must see no violation, a non-convex one at least one."),
      ("zero-at-correct", "For losses: attained when the infimum is 0 and attained, limit when it is 0 and only approached, never when it is positive; also whether f' is 0 there."),
      ("gradient-bounded", "unbounded when |f'| grows without bound toward an end; redescending when |f'| tends to 0 at every infinite end while positive somewhere; bounded otherwise."),
      ("minimiser", "For regression losses: the prediction minimising the mean loss over the targets 0, 1, …, 9 and 30 (grid search over their hull, refined by bisection on the mean derivative): the mean for mse, the median for mae, the τ-quantile for quantile."),
      ("finite-at-extremes", "At ±1e3, ±1e300 and the closed domain ends: no NaN, and every infinity is where the exact value is infinite or beyond the Double range (the limit toward that end diverges)."),
      ("naive-failure", "Where the textbook formula first fails, going outward from the plot centre: it overflows, gives NaN, rounds to 0 while the stable value does not, or is off by more than 1%; bisected to adjacent Doubles."),
      ("precision-threshold", "Where each format stops being informative toward an end: the value rounds to its limit (sigmoid to 1), the value rounds to x (softplus), the derivative rounds to 0 or to its limit. Computed by rounding the accurate result to Float16, Float32 and Float64 — what the best implementation in that format returns."),
      ("gradient-check-error", "The analytic f' (and f'') against a Richardson-extrapolated central difference of f (and f') at 201 points of the plot range away from breakpoints: max |analytic − numeric| / max(|analytic|, |numeric|, 1)."),
      ("identity", "A named equivalence (tanh(x) = 2σ(2x) − 1, …) evaluated on a grid with the accurate implementations on both sides; it holds when every point agrees to its tolerance (1e-15 relative to max(|lhs|, |rhs|, 1) for most)."),
    ]
  }
}
