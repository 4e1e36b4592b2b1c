/// The code of a product, kept as text: `007` and `7` are different products
/// (docs/BAD-INPUTS.md #38). Codes compare by canonical equivalence (NFC and NFD alike).
public struct ProductCode: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let raw: String
  public init(_ raw: String) { self.raw = raw }
  public init(stringLiteral value: String) { self.raw = value }
  public var description: String { raw }
  public static func < (a: ProductCode, b: ProductCode) -> Bool { a.raw < b.raw }
}

/// A warehouse (bodega) code.
public struct Warehouse: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let raw: String
  public init(_ raw: String) { self.raw = raw }
  public init(stringLiteral value: String) { self.raw = value }
  public var description: String { raw }
  public static func < (a: Warehouse, b: Warehouse) -> Bool { a.raw < b.raw }
}

/// Orders "no warehouse" before every warehouse, then by code.
@inlinable func warehouseOrder(_ a: Warehouse?, _ b: Warehouse?) -> Bool {
  switch (a, b) {
  case (nil, nil): return false
  case (nil, _): return true
  case (_, nil): return false
  case (let x?, let y?): return x < y
  }
}
