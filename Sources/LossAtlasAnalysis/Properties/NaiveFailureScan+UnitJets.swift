import LossAtlasCore

extension NaiveFailureScan {
  /// The view's jets at the evenly spaced inputs of the dense checks and
  /// the after-samples, unit by unit, kept for the next formula scanned
  /// against the same view.
  ///
  /// The value's and the derivative's first failures often fall on the
  /// same input (19 of the catalog's 77 failures share theirs with the
  /// other part), and then so do their units and every input of them
  /// (origin + direction · u · i / count, the same bits): the second scan
  /// reads the jets the first one computed instead of evaluating the view
  /// again, 20,480 jets a failure. A jet is a pure function of its input,
  /// so what the scan reads is what it would have computed.
  public final class UnitJets {
    /// The view's evaluation.
    let f: (Double) -> Jet
    private var units: [Unit] = []
    /// f at each input of the units (nil: not asked for yet), in the order of `units`.
    private var jets: [[Jet?]] = []

    /// A unit's evenly spaced inputs: origin + direction · u · i / count.
    struct Unit: Equatable {
      let origin: UInt64
      let u: UInt64
      let direction: Int
      let count: Int
    }

    public init(_ f: @escaping (Double) -> Jet) { self.f = f }

    /// The unit's jets known so far, moved out into a ``Reader`` (so that
    /// the scan's loop reads and extends an array of its own, with no
    /// call into the class per input); ``keep(_:)`` puts them back.
    func reader(origin: Double, u: Double, direction: Int, count: Int, part: @escaping (Jet) -> Double) -> Reader {
      let unit = Unit(origin: origin.bitPattern, u: u.bitPattern, direction: direction, count: count)
      let slot: Int
      if let k = units.firstIndex(of: unit) {
        slot = k
      } else {
        units.append(unit)
        jets.append([])
        slot = units.count - 1
      }
      let known = jets[slot]
      jets[slot] = []
      return Reader(slot: slot, known: known, f: f, part: part)
    }

    /// Puts back the jets a reader holds (those it was given and those it computed).
    func keep(_ reader: Reader) { jets[reader.slot] = reader.known }

    /// One unit's jets while a scan reads them.
    struct Reader {
      let slot: Int
      /// f at input i of the unit (nil: not computed).
      var known: [Jet?]
      let f: (Double) -> Jet
      /// The part of the jet the scan compares with (value or derivative).
      let part: (Jet) -> Double

      /// `part(f(p))` for input `i` of the unit, whose value is `p`: read
      /// when known, else computed and kept.
      mutating func value(_ i: Int, _ p: Double) -> Double {
        if i < known.count, let j = known[i] { return part(j) }
        let j = f(p)
        if i >= known.count {
          // The inputs come in order; the after-samples skip those outside the domain.
          if i > known.count { known.append(contentsOf: repeatElement(nil, count: i - known.count)) }
          known.append(j)
        } else {
          known[i] = j
        }
        return part(j)
      }
    }
  }
}
