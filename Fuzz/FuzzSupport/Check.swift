import CFuzzer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Stops the fuzzer on a broken property: the message goes to standard error and
/// the process aborts, so that libFuzzer saves the input that did it (`crash-…`).
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if condition { return }
  let text = "fuzz check failed: " + message() + "\n"
  _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
  abort()
}

/// Bytes shown for a message: printable ASCII as is, anything else as `\xNN`.
public func shown(_ bytes: some Sequence<UInt8>) -> String {
  var s = "\""
  for b in bytes {
    if b >= 0x20 && b < 0x7F && b != 0x5C && b != 0x22 {
      s.append(Character(Unicode.Scalar(b)))
    } else {
      let h = String(b, radix: 16)
      s += "\\x" + (h.count == 1 ? "0" : "") + h
    }
  }
  return s + "\""
}

/// Runs libFuzzer over `body` with the process's command line (libFuzzer's flags
/// and corpus directories), then exits with its status.
public func fuzzMain(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
  exit(taller_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, body))
}
