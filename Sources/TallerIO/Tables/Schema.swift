import TallerCore

/// What a column holds, which decides how its cells are read.
public enum ColumnType: Sendable, Hashable {
  /// Free text, kept as written (NFC).
  case text
  /// An identifier: trimmed, kept as text (`007` and `7` differ).
  case code
  /// An exact decimal quantity (no currency signs).
  case qty
  /// An exact decimal amount (currency signs and `(12.50)` accepted).
  case money
  /// A whole number.
  case int
  case date
  case bool
}

/// One column a command reads: its canonical English name, the source system's
/// names it also answers to, its type, and whether a file must have it.
public struct Column: Sendable, Hashable {
  public let name: String
  public let aliases: [String]
  public let type: ColumnType
  public let required: Bool

  public init(_ name: String, _ type: ColumnType, required: Bool = false, aliases: [String] = []) {
    self.name = name
    self.aliases = aliases
    self.type = type
    self.required = required
  }

  /// Every normalized name this column answers to.
  var keys: [String] { ([name] + aliases).map(HeaderName.normalize) }
}

/// Header matching: case-, accent- and space-insensitive; spaces, underscores and
/// hyphens alike (`Código`, `CODIGO`, `codigo `, `id-partida` → `codigo`, `id_partida`).
public enum HeaderName {
  public static func normalize(_ name: String) -> String {
    // The core's folding (uppercase, no accents, `_`/`-`/spaces as one space) as a
    // lowercase snake_case key.
    String(NameFolding.fold(name).lowercased().map { $0 == " " ? "_" : $0 })
  }
}

/// The columns of one kind of file (SPEC §3), declared once per command.
public struct Schema: Sendable {
  public let name: String
  public let columns: [Column]
  let lookup: [String: Int]

  /// - Parameter name: what the file is, for messages ("production", "annex").
  public init(_ name: String, _ columns: [Column]) {
    self.name = name
    self.columns = columns
    var lookup: [String: Int] = [:]
    for (i, c) in columns.enumerated() {
      for k in c.keys where lookup[k] == nil { lookup[k] = i }
    }
    self.lookup = lookup
  }

  /// The position of the column named `name` (its canonical name). A name the
  /// schema does not declare is a programming error.
  public func position(of name: String) -> Int {
    guard let i = columns.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("schema \(self.name) has no column \(name)")
    }
    return i
  }

  /// The column a header name means, if any.
  public func column(for headerName: String) -> Int? { lookup[HeaderName.normalize(headerName)] }

  /// How well a candidate header row matches: the number of distinct columns it
  /// names, required ones counting double. The CSV reader uses it to find the
  /// header below title rows and to sniff the delimiter.
  public func score(_ header: [String]) -> Int {
    var seen = Set<Int>()
    var score = 0
    for h in header {
      if let c = column(for: h), seen.insert(c).inserted { score += columns[c].required ? 2 : 1 }
    }
    return score
  }

  /// Binds a reader's header to this schema: which field holds each column.
  ///
  /// - Throws: a duplicate column (also two aliases of one column) naming both; a
  ///   missing required column listing the columns found and the names accepted;
  ///   an unknown column when `strict`.
  public func bind(_ reader: RecordReader, strict: Bool = false) throws(InputError) -> BoundTable {
    var fieldOf = [Int?](repeating: nil, count: columns.count)
    var extras: [Int] = []
    let at = { (field: Int) in SourceLocation(file: reader.name, line: reader.headerLine, column: field + 1) }
    for (f, h) in reader.header.enumerated() {
      guard let c = column(for: h) else {
        if strict {
          throw InputError(at: at(f), "unknown column \"\(h)\" (--strict)")
        }
        extras.append(f)
        continue
      }
      if let first = fieldOf[c] {
        throw InputError(
          at: at(f),
          "duplicate column \"\(h)\": column \(first + 1) \"\(reader.header[first])\" is also \(columns[c].name)")
      }
      fieldOf[c] = f
    }
    var missing: [Column] = []
    for (c, col) in columns.enumerated() where col.required && fieldOf[c] == nil { missing.append(col) }
    if !missing.isEmpty {
      let wanted = missing.map { col in
        col.aliases.isEmpty ? col.name : "\(col.name) (or \(col.aliases.joined(separator: ", ")))"
      }
      let found = reader.header.isEmpty ? "none" : reader.header.joined(separator: ", ")
      throw InputError(
        at: SourceLocation(file: reader.name, line: reader.headerLine),
        "missing \(missing.count == 1 ? "column" : "columns") \(wanted.joined(separator: "; ")) in the \(name) file; columns found: \(found)")
    }
    return BoundTable(schema: self, reader: reader, fieldOf: fieldOf, extraFields: extras)
  }
}

/// A reader whose header is bound to a schema: typed access to each record's cells.
public struct BoundTable {
  public let schema: Schema
  public let reader: RecordReader
  /// For each schema column, the field that holds it (nil when the file lacks it).
  public let fieldOf: [Int?]
  /// Fields of the file that no schema column claims, in file order (passed through).
  public let extraFields: [Int]
  /// Numbers in a `;` file use the decimal comma unless the user said otherwise.
  public var numberConvention: NumberStyle.Convention = .point
  public var monthFirst = false
  /// For each schema column, whether it holds money (currency signs accepted).
  let isMoney: [Bool]

  init(schema: Schema, reader: RecordReader, fieldOf: [Int?], extraFields: [Int]) {
    self.schema = schema
    isMoney = schema.columns.map { $0.type == .money }
    self.reader = reader
    self.fieldOf = fieldOf
    self.extraFields = extraFields
    numberConvention = reader.delimiter == UInt8(ascii: ";") ? .comma : .point
  }

  /// Applies the user's choices (`--decimal-comma`, `--month-first`).
  public func configured(by options: ReadOptions) -> BoundTable {
    var b = self
    if let c = options.decimalConvention { b.numberConvention = c }
    b.monthFirst = options.monthFirst
    return b
  }

  public func has(_ column: Int) -> Bool { fieldOf[column] != nil }

  public var extraHeader: [String] { extraFields.map { reader.header[$0] } }

  func location(_ record: Record, _ column: Int) -> SourceLocation {
    SourceLocation(file: reader.name, line: record.line, column: (fieldOf[column] ?? -1) + 1)
  }

  /// An error about the value of a cell: `column "value" message`, at the cell.
  public func invalid(_ record: Record, _ column: Int, _ message: String) -> InputError {
    let value = fieldOf[column].map { record.string($0) } ?? ""
    return InputError(at: location(record, column), "\(schema.columns[column].name) \"\(value)\" \(message)")
  }

  /// The place of a cell, for findings raised by the rules.
  public func place(_ record: Record, _ column: Int) -> SourceLocation { location(record, column) }

  /// True when the cell is missing or blank.
  public func isBlank(_ record: Record, _ column: Int) -> Bool {
    guard let f = fieldOf[column] else { return true }
    return record.isBlank(f)
  }

  /// The cell as written (text columns), or "" when absent.
  public func text(_ record: Record, _ column: Int) -> String {
    guard let f = fieldOf[column] else { return "" }
    return record.string(f)
  }

  /// The cell trimmed of spaces (codes), or "" when absent; made from the bytes at
  /// once, without an intermediate String.
  public func code(_ record: Record, _ column: Int) -> String {
    guard let f = fieldOf[column] else { return "" }
    return record.withField(f) { String(decoding: ASCIISpaces.trimmed($0), as: UTF8.self) }
  }

  /// The number in `table` of the cell trimmed of spaces (the one code table,
  /// straight from the bytes: a repeated code costs no String); nil when the cell
  /// is blank or absent. `recent` is the column's last code.
  public func codeNumber(
    _ record: Record, _ column: Int, in table: inout CodeTable, recent: inout CodeTable.Recent
  ) -> Int32? {
    guard let f = fieldOf[column] else { return nil }
    let k = record.withField(f) { cell -> Int32 in
      let key = ASCIISpaces.trimmed(cell)
      return key.isEmpty ? -1 : table.number(utf8: key, recent: &recent)
    }
    return k < 0 ? nil : k
  }

  /// The code, or nil when blank.
  public func optionalCode(_ record: Record, _ column: Int) -> String? {
    let v = code(record, column)
    return v.isEmpty ? nil : v
  }

  /// The code; a blank cell is an error.
  public func requiredCode(_ record: Record, _ column: Int) throws(InputError) -> String {
    let v = code(record, column)
    if v.isEmpty { throw missing(record, column, hint: nil) }
    return v
  }

  public func requiredDate(_ record: Record, _ column: Int) throws(InputError) -> LocalDate {
    guard let d = try date(record, column) else { throw missing(record, column, hint: nil) }
    return d
  }

  public func requiredDecimal(_ record: Record, _ column: Int) throws(InputError) -> ExactDecimal {
    guard let d = try decimal(record, column) else { throw missing(record, column, hint: nil) }
    return d
  }

  /// An exact decimal, or nil when blank. Money columns accept currency signs.
  ///
  /// The hot path of every reader of quantities: the cell's bytes go straight to
  /// `ExactDecimal.parse(utf8:style:)` (whose fast path takes plain numbers), which
  /// also says when the cell is blank.
  public func decimal(_ record: Record, _ column: Int) throws(InputError) -> ExactDecimal? {
    guard let f = fieldOf[column] else { return nil }
    let style = NumberStyle(convention: numberConvention, isMoney: isMoney[column])
    let r = record.withField(f) { bytes in
      Result { () throws(NumberError) -> ExactDecimal in try ExactDecimal.parse(utf8: bytes, style: style) }
    }
    switch r {
    case .success(let v): return v
    case .failure(.empty): return nil
    case .failure(let e): throw invalid(record, column, e.message)
    }
  }

  /// A whole number, or nil when blank.
  public func int(_ record: Record, _ column: Int) throws(InputError) -> Int? {
    guard let v = try decimal(record, column) else { return nil }
    guard v.isInteger, v.magnitude < ExactDecimal(1_000_000_000_000) else {
      throw invalid(record, column, "is not a whole number")
    }
    return Int(v.raw / ExactDecimal.one)
  }

  /// A date, or nil when blank.
  public func date(_ record: Record, _ column: Int) throws(InputError) -> LocalDate? {
    guard let f = fieldOf[column], !record.isBlank(f) else { return nil }
    let mf = monthFirst
    let r = record.withField(f) { bytes in
      Result { () throws(DateError) -> LocalDate in try LocalDate.parse(utf8: bytes, monthFirst: mf) }
    }
    switch r {
    case .success(let v): return v
    case .failure(let e): throw invalid(record, column, e.message)
    }
  }

  /// A yes/no cell, or nil when blank.
  public func bool(_ record: Record, _ column: Int) throws(InputError) -> Bool? {
    guard let f = fieldOf[column] else { return nil }
    let r = record.withField(f) { bytes in Result { () throws(BoolError) -> Bool? in try parseBool(utf8: bytes) } }
    switch r {
    case .success(let v): return v
    case .failure(let e): throw invalid(record, column, e.message)
    }
  }

  /// A required cell that is blank.
  public func missing(_ record: Record, _ column: Int) -> InputError { missing(record, column, hint: nil) }

  /// A required cell that is blank, or whose column the file lacks; `flag` names
  /// the option that can fill it.
  public func missing(_ record: Record, _ column: Int, hint flag: String?) -> InputError {
    let name = schema.columns[column].name
    if !has(column) {
      return InputError(
        at: SourceLocation(file: reader.name, line: record.line),
        "the \(schema.name) file has no \(name) column" + (flag.map { "; give \($0)" } ?? ""))
    }
    return InputError(at: place(record, column), "\(name) is empty" + (flag.map { "; fill it or give \($0)" } ?? ""))
  }

  /// Fails, listing what was found, when a column the command needs is absent.
  public func requireColumns(_ names: [String]) throws(InputError) {
    let absent = names.filter { !has(schema.position(of: $0)) }
    guard !absent.isEmpty else { return }
    throw InputError(
      at: SourceLocation(file: reader.name, line: reader.headerLine),
      "missing \(absent.count == 1 ? "column" : "columns") \(absent.joined(separator: ", ")) in the \(schema.name) file; columns found: \(reader.header.joined(separator: ", "))"
    )
  }
}
