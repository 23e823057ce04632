#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// How wide `records` tables may be: `$COLUMNS` when it is a number of at least 40, else the
/// width of the terminal on stdout, else 80.
enum TerminalWidth {
  static func current() -> Int {
    if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text),
      columns >= 40
    {
      return columns
    }
    var size = winsize()
    if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 {
      return Int(size.ws_col)
    }
    return 80
  }
}
