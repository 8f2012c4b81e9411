import ArgumentParser
import LossAtlasCore
import LossAtlasIO

extension LossAtlasCommand {
  /// `lossatlas list`: every id with family, arguments, parameters and aliases.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every function id with its family, arguments, parameters and aliases.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var functions: FunctionFileOptions

    func run() throws {
      let registry = try functions.registry()
      // A user function's family as its file gives it (`other` included).
      func family(_ spec: FunctionSpec) -> String {
        registry.definition(spec.id).map { $0.family.rawValue + " (user-defined)" } ?? spec.family.rawValue
      }
      if json {
        let listing = registry.all.map { spec -> JSONValue in
          guard let d = registry.definition(spec.id), case .object(var members) = spec.listingJSON else { return spec.listingJSON }
          if let i = members.firstIndex(where: { $0.key == "family" }) { members[i].value = .string(d.family.rawValue) }
          members.append(("userDefined", .bool(true)))
          members.append(("value", .string(d.value.source.text)))
          members.append(("definedAt", .string("\(d.file):\(d.line)")))
          return .object(members)
        }
        writeOut(JSONValue.array(listing).prettyText)
        return
      }
      var rows: [[String]] = [["id", "family", "arguments", "parameters (default, range)", "aliases"]]
      for spec in registry.all {
        let arguments = spec.arguments.map { arg -> String in
          switch arg.kind {
          case .real: return arg.name
          case .vector: return arg.name + "[]"
          case .integer: return arg.name + " (class)"
          }
        }
        let parameters = spec.parameters.map { "\($0.name)=\(formatBound($0.defaultValue)) in \($0.range)" }
        rows.append([
          spec.id, family(spec), arguments.joined(separator: ", "),
          parameters.isEmpty ? "-" : parameters.joined(separator: "; "),
          spec.aliases.isEmpty ? "-" : spec.aliases.joined(separator: ", "),
        ])
      }
      writeOut(formatTable(rows))
    }
  }
}

/// Left-aligned columns separated by two spaces, with a rule under the header.
func formatTable(_ rows: [[String]]) -> String {
  guard let header = rows.first else { return "" }
  var widths = header.map(\.count)
  for row in rows {
    for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
  }
  func line(_ row: [String]) -> String {
    let cells = row.enumerated().map { i, cell in
      i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
    }
    return cells.joined(separator: "  ") + "\n"
  }
  var out = line(header)
  out += line(widths.map { String(repeating: "-", count: $0) })
  for row in rows.dropFirst() { out += line(row) }
  return out
}

extension FunctionSpec {
  /// The machine-readable listing of one function (`lossatlas list --json`).
  var listingJSON: JSONValue {
    .object([
      ("id", .string(id)),
      ("name", .string(name)),
      ("family", .string(family.rawValue)),
      ("aliases", .array(aliases.map(JSONValue.string))),
      (
        "arguments",
        .array(
          arguments.map { arg in
            .object([
              ("name", .string(arg.name)),
              ("kind", .string(arg.kind.rawValue)),
              ("domain", .string(arg.domainDescription)),
              ("differentiable", .bool(differentiable.contains(arg.name))),
            ])
          })
      ),
      (
        "parameters",
        .array(
          parameters.map { p in
            .object([
              ("name", .string(p.name)),
              ("default", .double(p.defaultValue)),
              ("range", .string(p.range.description)),
              ("grid", .array(p.grid.map(JSONValue.double))),
            ])
          })
      ),
    ])
  }
}
