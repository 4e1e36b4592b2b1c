/// How status names, header names and other words users type are compared: the form users type
/// varies (`en revision`, `EN REVISIÓN`, `En_Revisión`, `NO-LABORANDO`), the value
/// does not.
public enum NameFolding {
  /// The text uppercased, accents removed (precomposed Latin-1 letters and combining
  /// marks alike), `_` and `-` read as spaces, runs of spaces as one, ends trimmed.
  public static func fold(_ text: String) -> String {
    // Text already folded (capitals and digits, single inner spaces: `VALIDADO`,
    // `NO LABORANDO`, `21`) comes back as it is, without building a new string.
    var folded = true
    var previous: UInt8 = 0x20
    for b in text.utf8 {
      let plain = (0x41...0x5A).contains(b) || (0x30...0x39).contains(b) || (b == 0x20 && previous != 0x20)
      if !plain { folded = false; break }
      previous = b
    }
    if folded && previous != 0x20 { return text }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for s in text.unicodeScalars {
      let v = s.value
      if (0x300...0x36F).contains(v) { continue }  // combining accent (NFD input)
      if v == 0x20 || v == 0x09 || v == 0x5F || v == 0x2D || v == 0xA0 {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      let base = baseLetter(v)
      if base < 0x80 {
        let upper = (0x61...0x7A).contains(base) ? base - 0x20 : base
        out.append(Unicode.Scalar(UInt8(upper)))
      } else {
        for u in String(s).uppercased().unicodeScalars { out.append(u) }
      }
    }
    return String(out)
  }

  /// The unaccented letter of a Latin-1 accented letter; other scalars unchanged.
  private static func baseLetter(_ v: UInt32) -> UInt32 {
    switch v {
    case 0xC0...0xC5, 0xE0...0xE5: return 0x41  // A
    case 0xC7, 0xE7: return 0x43  // C
    case 0xC8...0xCB, 0xE8...0xEB: return 0x45  // E
    case 0xCC...0xCF, 0xEC...0xEF: return 0x49  // I
    case 0xD1, 0xF1: return 0x4E  // N
    case 0xD2...0xD6, 0xF2...0xF6: return 0x4F  // O
    case 0xD9...0xDC, 0xF9...0xFC: return 0x55  // U
    default: return v
    }
  }
}
