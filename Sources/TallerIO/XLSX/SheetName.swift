/// A name Excel accepts for a sheet (docs/BAD-INPUTS.md #58).
///
/// Each of `[ ] : * ? / \` and each control character becomes `_`; so does an
/// apostrophe at either end (Excel refuses those). The name is cut to 31 characters
/// (counted as Excel does, in UTF-16 code units, never splitting a character).
/// `History`, which Excel reserves, becomes `History_`; an empty name becomes `Hoja`.
/// Uniqueness within a workbook is the writer's job (`WorkbookWriter.addTable`).
public func cleanSheetName(_ name: String) -> String {
  var cleaned = ""
  for scalar in name.unicodeScalars {
    switch scalar {
    case "[", "]", ":", "*", "?", "/", "\\": cleaned.unicodeScalars.append("_")
    case _ where scalar.value < 0x20 || scalar.value == 0x7F: cleaned.unicodeScalars.append("_")
    default: cleaned.unicodeScalars.append(scalar)
    }
  }
  cleaned = truncated(cleaned, toUTF16: Excel.maxSheetNameLength)
  if cleaned.hasPrefix("'") { cleaned = "_" + cleaned.dropFirst() }
  if cleaned.hasSuffix("'") { cleaned = cleaned.dropLast() + "_" }
  if cleaned.isEmpty { return "Hoja" }
  if cleaned.lowercased() == "history" { return cleaned + "_" }
  return cleaned
}

/// The longest prefix of whole characters that fits in `limit` UTF-16 code units.
func truncated(_ text: String, toUTF16 limit: Int) -> String {
  if text.utf16.count <= limit { return text }
  var result = ""
  var used = 0
  for character in text {
    let n = character.utf16.count
    if used + n > limit { break }
    result.append(character)
    used += n
  }
  return result
}

/// The sheet names of one workbook, unique as Excel compares them (ignoring case).
struct SheetNames {
  private var taken: Set<String> = []

  /// `base` (already clean) when free, else `base (k)` for the first free k ≥ `from`,
  /// cutting `base` so the whole stays within 31 characters. Records the name.
  mutating func claim(_ base: String, from first: Int = 2) -> String {
    if !taken.contains(base.lowercased()) {
      taken.insert(base.lowercased())
      return base
    }
    return claimNumbered(base, from: first)
  }

  /// `base (k)` for the first free k ≥ `from` (continuation sheets: `Datos (2)`).
  mutating func claimNumbered(_ base: String, from first: Int) -> String {
    var k = first
    while true {
      let suffix = " (\(k))"
      var head = truncated(base, toUTF16: Excel.maxSheetNameLength - suffix.utf16.count)
      if head.hasSuffix("'") { head = head.dropLast() + "_" }
      let candidate = head + suffix
      if !taken.contains(candidate.lowercased()) {
        taken.insert(candidate.lowercased())
        return candidate
      }
      k += 1
    }
  }
}
