import TallerCore

/// A JSON document as read, kept exact.
///
/// Numbers keep their literal text (`0.1000000001`, `1e3`, `-0`), so nothing is lost
/// to `Double` on the way in; the typed layer parses them with its own rules (and
/// rejects `1e3` in a quantity). Objects keep their members in document order.
///
/// Equality is structural and order-sensitive: `{"a":1,"b":2}` ≠ `{"b":2,"a":1}`, and
/// `1` ≠ `1.0` (different literals). Strings compare as Swift strings do, so the
/// same text in NFC and NFD is equal.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The literal text of a JSON number (`-12.50`, `1e3`); it must follow the JSON
  /// number grammar. Build one from a decimal with `JSONValue.decimal(_:)`.
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Members in document order; keys are unique.
  case object([JSONMember])
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Equatable {
  public var key: String
  public var value: JSONValue

  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}

extension JSONValue {
  /// An exact decimal as a JSON number, without exponent (`12.5`, `-0.0001`).
  public static func decimal(_ value: ExactDecimal) -> JSONValue { .number(value.description) }

  /// An integer as a JSON number.
  public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

  /// The value of member `key` of an object; nil when this is not an object or the
  /// key is absent.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.key == key })?.value
  }

  /// What kind of value this is, for messages ("expected an object, found an array").
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
