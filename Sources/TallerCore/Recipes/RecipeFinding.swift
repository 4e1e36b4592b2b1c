/// A problem found in products, recipes or orders, with the place it came from.
///
/// The library never prints: the command shows `file:line: message`, with
/// `warning:` before warnings.
public struct RecipeFinding: Sendable, Equatable, CustomStringConvertible {
  public enum Severity: Sendable, Equatable { case error, warning }
  /// Which input the place is in.
  public enum Input: Sendable, Equatable, Comparable { case products, bom, orders }

  public var severity: Severity
  public var input: Input
  /// The file as the product, line or order carried it (empty when unknown).
  public var file: String
  /// The 1-based line (0 when unknown).
  public var line: Int
  public var problem: RecipeProblem

  public init(
    _ severity: Severity, _ input: Input, file: String, line: Int, _ problem: RecipeProblem
  ) {
    self.severity = severity
    self.input = input
    self.file = file
    self.line = line
    self.problem = problem
  }

  public var isError: Bool { severity == .error }
  public var message: String { problem.message }

  /// `file:line: message` (or `file:line: warning: message`).
  public var description: String {
    var place = file
    if line > 0 { place += place.isEmpty ? "line \(line)" : ":\(line)" }
    let prefix = place.isEmpty ? "" : place + ": "
    return prefix + (severity == .warning ? "warning: " : "") + message
  }
}

/// What is wrong, with the codes involved (SPEC §5.1, docs/BAD-INPUTS.md #31, #41, #42, #49–53).
public enum RecipeProblem: Sendable, Equatable {
  /// The same product code on two rows of the catalogue.
  case duplicateProduct(ProductCode, firstLine: Int)
  /// A recipe line whose parent is not in products.
  case unknownParent(ProductCode)
  /// A recipe line whose component is not in products.
  case unknownComponent(ProductCode, parent: ProductCode)
  /// A recipe line with qty ≤ 0.
  case nonPositiveQty(parent: ProductCode, component: ProductCode, qty: Quantity)
  /// A recipe line with per ≤ 0.
  case nonPositivePer(parent: ProductCode, component: ProductCode, per: Quantity)
  /// A line whose component is a support product and has no `pos`.
  case supportWithoutPos(parent: ProductCode, component: ProductCode)
  /// A compound product used as a component (seed 002: "no puede ser componente").
  case compoundAsComponent(parent: ProductCode, component: ProductCode)
  /// A raw product with recipe lines (seed 002: natural products never have components).
  case rawWithComponents(ProductCode)
  /// A produced or compound product without any component line.
  case missingRecipe(ProductCode, ProductType)
  /// A recipe with more lines than allowed (`--max-lines`, default 999).
  case tooManyLines(parent: ProductCode, count: Int, max: Int)
  /// The same component twice in one recipe: allowed, with a warning.
  case duplicateComponent(parent: ProductCode, component: ProductCode, firstLine: Int)
  /// A product that contains itself: the path from it back to it, and the recipe
  /// lines of each step.
  case cycle(path: [ProductCode], lines: [Int])
  /// An order for a product that is not in products.
  case unknownProduct(ProductCode)
  /// An order with a negative quantity.
  case negativeQty(ProductCode, Quantity)
  /// A quantity or cost beyond the exact type's range.
  case overflow(parent: ProductCode, component: ProductCode)

  public var message: String {
    switch self {
    case .duplicateProduct(let code, let first):
      return "product \(code) is defined twice (first at line \(first))"
    case .unknownParent(let code):
      return "recipe parent \(code) is not in products"
    case .unknownComponent(let code, let parent):
      return "component \(code) of \(parent) is not in products"
    case .nonPositiveQty(let parent, let component, let qty):
      return "qty of \(component) in the recipe of \(parent) must be greater than 0 (found \(qty))"
    case .nonPositivePer(let parent, let component, let per):
      return "per of \(component) in the recipe of \(parent) must be greater than 0 (found \(per))"
    case .supportWithoutPos(let parent, let component):
      return "support line \(component) in the recipe of \(parent) needs a pos"
    case .compoundAsComponent(let parent, let component):
      return "compound product \(component) cannot be a component (used in \(parent))"
    case .rawWithComponents(let code):
      return
        "raw product \(code) cannot have components (make it produced, or remove its recipe lines)"
    case .missingRecipe(let code, let type):
      return "\(type.rawValue) product \(code) has no recipe lines"
    case .tooManyLines(let parent, let count, let max):
      return "the recipe of \(parent) has \(count) lines; at most \(max) are allowed (--max-lines)"
    case .duplicateComponent(let parent, let component, let first):
      return
        "component \(component) appears more than once in the recipe of \(parent) (first at line \(first))"
    case .cycle(let path, _):
      return "product \(path.first.map(\.raw) ?? "") contains itself: "
        + path.map(\.raw).joined(separator: " → ")
    case .unknownProduct(let code):
      return "product \(code) is not in products"
    case .negativeQty(let code, let qty):
      return "qty of \(code) cannot be negative (found \(qty))"
    case .overflow(let parent, let component):
      return "quantity or cost of \(component) in \(parent) is too large (overflow)"
    }
  }
}

/// The catalogue cannot be used: every error found, with the warnings found too.
public struct RecipeCatalogError: Error, Sendable, CustomStringConvertible {
  /// Errors and warnings, in input order (products, then recipe lines).
  public var findings: [RecipeFinding]
  public init(findings: [RecipeFinding]) { self.findings = findings }
  public var errors: [RecipeFinding] { findings.filter(\.isError) }
  public var description: String { findings.map(\.description).joined(separator: "\n") }
}

/// A computation stopped: a quantity or cost overflowed, or a code is unknown.
public enum RecipeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A quantity beyond the exact type's range, at the recipe line that produced it.
  case overflow(parent: ProductCode, component: ProductCode, file: String, line: Int)
  case unknownProduct(ProductCode)

  public var description: String {
    switch self {
    case .overflow(let parent, let component, let file, let line):
      let finding = RecipeFinding(
        .error, .bom, file: file, line: line, .overflow(parent: parent, component: component))
      return finding.description
    case .unknownProduct(let code): return RecipeProblem.unknownProduct(code).message
    }
  }
}
