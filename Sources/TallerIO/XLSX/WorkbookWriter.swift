import CXLSXWriter
import TallerCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a workbook is written.
public struct WorkbookOptions: Sendable {
  /// Document properties shown by Excel under File › Info.
  public var title: String?
  public var company: String?
  public var author: String?
  /// The creation date in Unix seconds (`--created`, `SOURCE_DATE_EPOCH`). With it,
  /// the same input gives a byte-identical file; without it libxlsxwriter stamps the
  /// current time. libxlsxwriter reads 0 as "now", so 0 is written as 1 (one second
  /// after the epoch). The zip entries always carry 1980-01-01 00:00, whatever this is.
  public var created: Int?
  /// Keeps one row in memory per sheet (libxlsxwriter's `constant_memory`); strings are
  /// then written inline rather than shared. Rows must be appended in order, which
  /// `TableSheet` does.
  public var constantMemory = true
  /// Where libxlsxwriter keeps its temporary files: by default the output file's
  /// directory (the system's temporary directory may be small or another disk).
  public var tmpdir: String?
  /// Rows per sheet, the header included, before a table continues on a next sheet.
  /// Excel's limit; smaller only in tests.
  var maxRowsPerSheet = Excel.maxRows

  public init(
    title: String? = nil, company: String? = nil, author: String? = nil, created: Int? = nil,
    constantMemory: Bool = true, tmpdir: String? = nil
  ) {
    self.title = title
    self.company = company
    self.author = author
    self.created = created
    self.constantMemory = constantMemory
    self.tmpdir = tmpdir
  }
}

/// Writes tables to an XLSX workbook through libxlsxwriter, one sheet per table
/// (more when a table has more rows than a sheet holds).
///
/// ```swift
/// let book = try WorkbookWriter(path: tmp, options: WorkbookOptions(created: epoch))
/// let plan = try book.addTable(name: "Plan", header: ["order", "qty"], places: [0, 2])
/// try plan.append([.text("PO-1"), .number(qty)])
/// try book.close()
/// ```
///
/// Every sheet gets a bold header row, frozen, an autofilter over its rows and column
/// widths fitted to what was written. The file is assembled by `close()`; until then
/// nothing but an empty file exists at `path`. On any error, or when the writer is
/// dropped without `close()`, the file at `path` is left empty or partial: write to a
/// temporary path and rename it on success (TallerCLI's atomic output does). After
/// an error the workbook is not meant to be continued: drop it.
///
/// libxlsxwriter 1.1.4 prints its own `[ERROR] …` line on standard error when the
/// file cannot be assembled (disk full); the same reason is in the `OutputError`.
public final class WorkbookWriter {
  let state: WorkbookState
  private var tables: [TableSheet] = []

  /// Creates the workbook. Fails with `cannotCreate` when `path` cannot be created.
  public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws(OutputError) {
    state = try WorkbookState(path: path, options: options)
  }

  /// Adds a table: its first sheet, named after `name` (cleaned by `cleanSheetName`
  /// and made unique ignoring case: `Datos`, then `Datos (2)`), with `header` in bold.
  ///
  /// `places[i]` is the least number of decimals shown in column i (money: 2);
  /// a number with more decimals shows all of them. Missing entries are 0.
  /// Rows beyond a sheet's 1,048,576 continue on `Datos (2)`, `Datos (3)`, … each with
  /// the header.
  public func addTable(name: String, header: [String], places: [Int] = []) throws(OutputError) -> TableSheet {
    let table = try TableSheet(state: state, name: name, header: header, places: places)
    tables.append(table)
    return table
  }

  /// Finishes every sheet (widths, autofilter) and assembles the file.
  public func close() throws(OutputError) {
    for table in tables { try table.finish() }
    try state.close()
  }
}

/// The libxlsxwriter workbook and what its sheets share. Tables hold it, not the
/// writer, so a table outliving its writer fails cleanly instead of dangling.
final class WorkbookState {
  let path: String
  let maxRowsPerSheet: Int
  private(set) var workbook: UnsafeMutablePointer<lxw_workbook>?
  var names = SheetNames()
  private var worksheets: [UnsafeMutablePointer<lxw_worksheet>] = []
  /// C strings that must outlive the workbook (options, properties).
  private var cStrings: [UnsafeMutablePointer<CChar>] = []
  private var boldFormat: UnsafeMutablePointer<lxw_format>?
  private var numberFormats = [UnsafeMutablePointer<lxw_format>?](repeating: nil, count: ExactDecimal.scale + 1)
  private var dateFormatPointer: UnsafeMutablePointer<lxw_format>?
  private var dateTimeFormatPointer: UnsafeMutablePointer<lxw_format>?
  /// A NUL-terminated copy of the text being written (reused, never shrunk).
  var scratch: [UInt8] = []

  init(path: String, options: WorkbookOptions) throws(OutputError) {
    self.path = path
    self.maxRowsPerSheet = options.maxRowsPerSheet
    // libxlsxwriter opens the output only in workbook_close; find out now, with the
    // system's reason, whether it can be created.
    guard let probe = fopen(path, "wb") else {
      throw OutputError(.cannotCreate, target: path, String(cString: strerror(errno)))
    }
    fclose(probe)

    let tmpdir = duplicate(options.tmpdir ?? directory(of: path))
    var lxwOptions = lxw_workbook_options(
      constant_memory: options.constantMemory ? 1 : 0, tmpdir: tmpdir, use_zip64: 0)
    guard let book = workbook_new_opt(path, &lxwOptions) else {
      throw OutputError(.cannotCreate, target: path, "libxlsxwriter could not create the workbook")
    }
    workbook = book
    try setProperties(options)
  }

  /// Sets the document properties of `options` (title, company, author, creation
  /// date), replacing those set before.
  func setProperties(_ options: WorkbookOptions) throws(OutputError) {
    guard let workbook else { throw closedError() }
    var properties = lxw_doc_properties()
    if let title = options.title { properties.title = duplicate(title) }
    if let company = options.company { properties.company = duplicate(company) }
    if let author = options.author { properties.author = duplicate(author) }
    if let created = options.created { properties.created = time_t(created == 0 ? 1 : created) }
    try check(workbook_set_properties(workbook, &properties), "setting the document properties")
  }

  deinit {
    if let workbook { abandon(workbook) }
    for s in cStrings { free(s) }
  }

  var isOpen: Bool { workbook != nil }

  /// Adds a sheet. `constantMemory`, when given, overrides the workbook's option for
  /// this sheet only: libxlsxwriter 1.1.4 reads `options.constant_memory` when a sheet
  /// is added (`workbook_add_worksheet`), and a constant-memory sheet keeps one row,
  /// writes its strings inline and refuses a cell above its current row
  /// (`LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE`, which `check` reports).
  func addWorksheet(named name: String, constantMemory: Bool? = nil) throws(OutputError) -> UnsafeMutablePointer<lxw_worksheet> {
    guard let workbook else { throw closedError() }
    let saved = workbook.pointee.options.constant_memory
    if let constantMemory { workbook.pointee.options.constant_memory = constantMemory ? 1 : 0 }
    defer { workbook.pointee.options.constant_memory = saved }
    errno = 0
    guard let sheet = workbook_add_worksheet(workbook, name) else {
      // The name is clean and unique, so what failed is memory or the sheet's
      // temporary file in `tmpdir`.
      let reason = errno == 0 ? "" : " (\(String(cString: strerror(errno))))"
      throw OutputError(.io, target: path, "sheet \"\(name)\": libxlsxwriter could not add it\(reason)")
    }
    worksheets.append(sheet)
    return sheet
  }

  func close() throws(OutputError) {
    guard let workbook else { throw closedError() }
    self.workbook = nil  // workbook_close frees it, whatever it returns
    errno = 0
    let error = workbook_close(workbook)
    // The system's reason (disk full) is in errno; libxlsxwriter only prints it.
    let reason = errno
    try check(error, "writing the workbook", systemError: reason)
  }

  func closedError() -> OutputError {
    OutputError(.io, target: path, "the workbook is already closed")
  }

  /// Maps a libxlsxwriter error to an `OutputError` with its own text.
  /// `systemError`, when not 0, is the errno after the call, added to the message.
  func check(_ error: lxw_error, _ doing: @autoclosure () -> String, systemError: Int32 = 0) throws(OutputError) {
    if error == LXW_NO_ERROR { return }
    let kind: OutputError.Kind
    switch error {
    case LXW_ERROR_CREATING_XLSX_FILE: kind = .cannotCreate
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE,
      LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
      LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, LXW_ERROR_SHEETNAME_ALREADY_USED:
      kind = .refused
    default: kind = .io
    }
    var message = "\(doing()): \(String(cString: lxw_strerror(error)))"
    if systemError != 0 { message += " (\(String(cString: strerror(systemError))))" }
    throw OutputError(kind, target: path, message)
  }

  // MARK: - Formats (shared by every sheet, made on first use)

  func bold() throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
    if let boldFormat { return boldFormat }
    let f = try newFormat()
    format_set_bold(f)
    boldFormat = f
    return f
  }

  func numberFormat(places: Int) throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
    if let f = numberFormats[places] { return f }
    let f = try newFormat(Excel.numberFormat(places: places))
    numberFormats[places] = f
    return f
  }

  func dateFormat() throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
    if let dateFormatPointer { return dateFormatPointer }
    let f = try newFormat(Excel.dateFormat)
    dateFormatPointer = f
    return f
  }

  func dateTimeFormat() throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
    if let dateTimeFormatPointer { return dateTimeFormatPointer }
    let f = try newFormat(Excel.dateTimeFormat)
    dateTimeFormatPointer = f
    return f
  }

  func newFormat(_ numberFormat: String? = nil) throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
    guard let workbook else { throw closedError() }
    guard let f = workbook_add_format(workbook) else {
      throw OutputError(.io, target: path, "libxlsxwriter could not add a cell format")
    }
    if let numberFormat { format_set_num_format(f, numberFormat) }
    return f
  }

  // MARK: - Helpers

  private func duplicate(_ s: String) -> UnsafeMutablePointer<CChar>? {
    guard let c = strdup(s) else { return nil }
    cStrings.append(c)
    return c
  }

  /// Frees a workbook that will not be written. libxlsxwriter 1.1.4's
  /// `lxw_workbook_free` leaves each constant-memory sheet's temporary file open
  /// (measured: two sheets, two descriptors left), so those are closed first.
  private func abandon(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
    for sheet in worksheets {
      if let f = sheet.pointee.optimize_tmpfile {
        fclose(f)
        sheet.pointee.optimize_tmpfile = nil
        sheet.pointee.file = nil
      }
    }
    lxw_workbook_free(workbook)
  }
}

/// The directory part of a path: `out` for `out/a.xlsx`, `.` for `a.xlsx`.
func directory(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  let dir = path[..<slash]
  return dir.isEmpty ? "/" : String(dir)
}
