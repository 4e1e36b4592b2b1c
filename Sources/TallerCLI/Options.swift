import ArgumentParser
import TallerCore
import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ReadOptions.Encoding: ExpressibleByArgument {}
extension ReadOptions.Format: ExpressibleByArgument {}

/// How every command reads its inputs (SPEC §2).
public struct InputOptions: ParsableArguments {
  public init() {}

  @Option(name: .long, help: ArgumentHelp("CSV field delimiter: , ; tab or | (default: sniffed from the header).", valueName: "char"))
  public var delimiter: String?

  @Option(help: "Input encoding: utf-8, windows-1252 or latin1 (default: UTF-8, falling back to Windows-1252 with a warning).")
  public var encoding: ReadOptions.Encoding?

  @Option(name: .customLong("input-format"), help: "csv, json or ndjson (default: from the extension, then the content).")
  public var inputFormat: ReadOptions.Format?

  @Flag(name: .customLong("decimal-comma"), help: "Numbers use the decimal comma: 1.234 is 1234 and 1,5 is 1.5.")
  public var decimalComma = false

  @Flag(name: .customLong("decimal-point"), help: "Numbers use the decimal point and 1,234 is 1234.")
  public var decimalPoint = false

  @Flag(name: .customLong("month-first"), help: "Dates like 10/31/2026 are month first (default: day first).")
  public var monthFirst = false

  @Option(name: .customLong("max-field"), help: ArgumentHelp("Largest field accepted, in bytes.", valueName: "bytes"))
  public var maxField: Int = 1 << 20

  @Flag(help: "Reject unknown columns.")
  public var strict = false

  @Flag(help: "Show progress on standard error (a terminal only) from the start.")
  public var progress = false

  public func validate() throws {
    if decimalComma && decimalPoint {
      throw ValidationError("--decimal-comma and --decimal-point exclude each other")
    }
    if let d = delimiter, parsedDelimiter(d) == nil {
      throw ValidationError("--delimiter must be one of , ; tab |")
    }
    if maxField < 1 { throw ValidationError("--max-field must be positive") }
  }

  func parsedDelimiter(_ d: String) -> UInt8? {
    switch d.lowercased() {
    case ",": return UInt8(ascii: ",")
    case ";": return UInt8(ascii: ";")
    case "|": return UInt8(ascii: "|")
    case "tab", "\t", "\\t": return 9
    default: return nil
    }
  }

  /// The options as the readers take them.
  public var readOptions: ReadOptions {
    var o = ReadOptions()
    o.delimiter = delimiter.flatMap(parsedDelimiter)
    o.encoding = encoding ?? .auto
    o.format = inputFormat
    o.decimalConvention = decimalComma ? .comma : decimalPoint ? .pointGrouping : nil
    o.monthFirst = monthFirst
    o.maxFieldBytes = maxField
    o.strict = strict
    return o
  }
}

/// Where and how a command writes its main output (SPEC §2).
public struct OutputOptions: ParsableArguments {
  public init() {}

  public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case csv, json, ndjson }

  @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to FILE atomically instead of standard output.", valueName: "file"))
  public var output: String?

  @Option(name: .customLong("output-format"), help: "csv, json or ndjson.")
  public var outputFormat: Format?

  @Flag(name: .customLong("excel-csv"), help: "CSV for double-clicking: UTF-8 with BOM, ';' and decimal comma.")
  public var excelCSV = false

  /// The format of the main output.
  public var tableFormat: TableFormat {
    switch outputFormat ?? .csv {
    case .csv: return .csv(excel: excelCSV)
    case .json: return .json
    case .ndjson: return .ndjson
    }
  }

  public func validate() throws {
    if excelCSV, let f = outputFormat, f != .csv {
      throw ValidationError("--excel-csv writes CSV; it cannot be combined with --output-format \(f.rawValue)")
    }
  }
}

// Typed options: the core's exact decimals and dates, parsed as the readers parse
// cells (a flag never accepts what a file would refuse).
extension ExactDecimal: ExpressibleByArgument {
  public init?(argument: String) {
    guard let v = try? ExactDecimal.parse(argument) else { return nil }
    self = v
  }
}

extension LocalDate: ExpressibleByArgument {
  public init?(argument: String) {
    guard let v = try? LocalDate.parse(argument) else { return nil }
    self = v
  }
}

extension YearMonth: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
}

extension LocalDateTime: ExpressibleByArgument {
  public init?(argument: String) {
    guard let v = try? LocalDateTime.parse(argument) else { return nil }
    self = v
  }
}

/// The product catalogue and its recipes (SPEC §3 `products`, `bom`; §5.1), as every
/// command that explodes, plans, posts or repairs reads them: one set of options, one
/// check, one reader.
public struct CatalogueOptions: ParsableArguments {
  public init() {}

  @Option(help: ArgumentHelp("The product catalogue (repeatable; a glob or a directory).", valueName: "file"))
  public var products: [String] = []

  @Option(help: ArgumentHelp("The recipes (repeatable; a glob or a directory).", valueName: "file"))
  public var bom: [String] = []

  @Option(name: .customLong("max-lines"), help: ArgumentHelp("The most lines a recipe may have.", valueName: "n"))
  public var maxLines = RecipeCatalog.defaultMaxLines

  public func validate() throws {
    if maxLines < 1 { throw ValidationError("--max-lines must be 1 or more") }
  }

  /// Refuses a missing --products (and, when `bom` is true, a missing --bom).
  public func require(bom requireBOM: Bool = false) throws {
    if products.isEmpty { throw ValidationError("--products FILE is required") }
    if requireBOM && bom.isEmpty { throw ValidationError("--bom FILE is required") }
  }

  /// No catalogue given (for commands where it is optional).
  public var isEmpty: Bool { products.isEmpty && bom.isEmpty }

  /// How many of these inputs are standard input (`-`).
  public var standardInputs: Int { (products + bom).filter { $0 == "-" }.count }

  /// The catalogue read and checked (problems recorded in `reading`, thrown as one
  /// InputError when the catalogue cannot be built).
  public func catalog(_ reading: TableReading, recipesRequired: Bool = true) throws -> RecipeCatalog {
    try RecipeReaders(reading).catalog(
      products: Inputs.resolve(products), bom: Inputs.resolve(bom), maxLines: maxLines,
      recipesRequired: recipesRequired)
  }
}
