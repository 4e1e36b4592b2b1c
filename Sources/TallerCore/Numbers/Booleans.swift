/// Reads a yes/no cell: `true/false`, `1/0`, `S/N`, `Y/N`, `SI/NO`, `sí/no`, `yes/no`,
/// `verdadero/falso`, `x` for yes. Case-insensitive; spaces at both ends ignored.
///
/// Returns nil for an empty cell (the column's default applies) and throws for
/// anything else.
public func parseBool(_ text: String) throws(BoolError) -> Bool? {
  // The spellings machines write, without making new strings.
  switch text {
  case "true", "1": return true
  case "false", "0", "": return text.isEmpty ? nil : false
  default: break
  }
  let t = text.trimmingASCIISpaces().lowercased()
  switch t {
  case "": return nil
  case "true", "1", "s", "si", "sí", "y", "yes", "x", "verdadero", "v": return true
  case "false", "0", "n", "no", "falso", "f": return false
  default: throw BoolError()
  }
}

public struct BoolError: Error, Sendable, Equatable {
  public init() {}
  public var message: String { "is not a yes/no value (expected true/false, 1/0, S/N, Y/N, SI/NO or x)" }
}
