#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// No Foundation here: linking it (and ICU) into cbsh cost several milliseconds of startup
// (issue 7). The messages below are the ones Foundation's Linux build gave for each errno.

/// The file access `source` and `save` need, replaceable in tests.
public struct ScriptFileSystem: Sendable {
  /// Reads a whole script. The closure is asked, while the read waits for input (a FIFO
  /// with no writer), whether to give up: then the read fails as `interrupted`.
  public var read: @Sendable (String, _ shouldStop: () -> Bool) -> Result<String, FileProblem>
  public var write: @Sendable (String, String) -> Result<Void, FileProblem>
  public var canonicalPath: @Sendable (String) -> String

  public struct FileProblem: Error, Equatable {
    public var message: String
    /// True when the read was given up because `shouldStop` said so.
    public var interrupted = false
    public init(_ message: String) { self.message = message }

    public static let interrupted: FileProblem = {
      var problem = FileProblem("interrupted")
      problem.interrupted = true
      return problem
    }()
  }

  public static let real = ScriptFileSystem(
    read: { path, shouldStop in ScriptFiles.read(path, shouldStop: shouldStop) },
    write: { path, text in
      do throws(AtomicFile.Failure) {
        try AtomicFile.write(Array(text.utf8), to: path)
        return .success(())
      } catch {
        return .failure(FileProblem(error.reason))
      }
    },
    canonicalPath: { path in POSIXFile.canonical(path) })
}

/// Reading script files, with errors a user can act on.
public enum ScriptFiles {
  /// The most bytes cbsh reads as one script (a file, stdin or a sourced file): a script of
  /// a million commands is about 30 MB, and `/dev/zero` or a file that keeps growing must
  /// not fill the memory.
  public static let maxBytes = 256 << 20
  public static let maxBytesText = "256 MiB"

  /// The script at `path`. The file is opened without waiting (`O_NONBLOCK`): opening a
  /// FIFO with no writer would block in open(2), where Ctrl-C could not reach it. The read
  /// then waits for input in slices of a tenth of a second, asking `shouldStop` in between.
  public static func read(_ path: String, shouldStop: () -> Bool = { false })
    -> Result<String, ScriptFileSystem.FileProblem>
  {
    guard let isDirectory = POSIXFile.isDirectory(path) else {
      return .failure(.init("no such file"))
    }
    guard !isDirectory else { return .failure(.init("it is a directory")) }
    let descriptor = POSIXFile.retryingInterrupts {
      open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    }
    guard descriptor >= 0 else { return .failure(.init(describe(errno: errno))) }
    defer { close(descriptor) }
    return text(from: descriptor, lossy: false, polling: true, shouldStop: shouldStop)
  }

  /// The script text read from `descriptor` to its end. Each chunk is checked as it
  /// arrives: a NUL byte refuses the input at once, as binary, and so does going past
  /// `maxBytes`, so an endless input is refused, not read until memory runs out. `lossy`
  /// reads invalid UTF-8 as U+FFFD (stdin, whose bad lines are refused one by one) rather
  /// than refusing the file.
  public static func text(from descriptor: Int32, lossy: Bool)
    -> Result<String, ScriptFileSystem.FileProblem>
  {
    text(from: descriptor, lossy: lossy, polling: false, shouldStop: { false })
  }

  /// `text(from:lossy:)`; when `polling` (`descriptor` is non-blocking), each read first
  /// waits for input with poll(2) in slices, and gives up (`interrupted`) when `shouldStop`
  /// says so.
  static func text(
    from descriptor: Int32, lossy: Bool, polling: Bool, shouldStop: () -> Bool
  ) -> Result<String, ScriptFileSystem.FileProblem> {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      if polling {
        // A FIFO with no writer yet is not readable (a read would say end of file); one
        // whose writer has gone is (POLLHUP), and its read says end of file.
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&waiting, 1, 100)
        if shouldStop() { return .failure(.interrupted) }
        if ready < 0 && errno != EINTR { return .failure(.init(String(cString: strerror(errno)))) }
        if ready <= 0 { continue }
      }
      let got = chunk.withUnsafeMutableBytes { POSIXFile.readSome(descriptor, into: $0) }
      if got < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return .failure(.init(String(cString: strerror(errno))))
      }
      if got == 0 { break }
      let hasNUL = chunk.withUnsafeBytes { memchr($0.baseAddress!, 0, got) != nil }
      guard !hasNUL else { return .failure(.init("it is a binary file (it holds NUL bytes)")) }
      guard bytes.count + got <= maxBytes else {
        return .failure(
          .init("it is longer than \(maxBytesText), the most cbsh reads as one script"))
      }
      bytes.append(contentsOf: chunk[..<got])
    }
    if lossy { return .success(String(decoding: bytes, as: UTF8.self)) }
    guard let text = POSIXFile.decodeUTF8(bytes) else {
      return .failure(.init("it is not UTF-8 text"))
    }
    return .success(text)
  }

  /// What a failed open means, in a user's words.
  static func describe(errno code: Int32) -> String {
    code == EACCES || code == EPERM ? "permission denied" : String(cString: strerror(code))
  }
}

/// Thin wrappers over the C library for the little file work cbsh does.
enum POSIXFile {
  /// Whether `path` (symbolic links followed) is a directory; nil when it does not exist.
  static func isDirectory(_ path: String) -> Bool? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & S_IFMT == S_IFDIR
  }

  /// The whole file, or the errno that stopped the read.
  static func readAll(_ path: String) -> Result<[UInt8], Errno> {
    let descriptor = retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC) }
    guard descriptor >= 0 else { return .failure(Errno(errno)) }
    defer { close(descriptor) }
    var info = stat()
    let expected = fstat(descriptor, &info) == 0 ? max(Int(info.st_size), 0) : 0
    // One byte more than the size, so a file of the expected size ends in one read plus EOF.
    var bytes = [UInt8](repeating: 0, count: expected + 1)
    var count = 0
    while true {
      if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
      let got = bytes.withUnsafeMutableBytes { raw in
        read(descriptor, raw.baseAddress! + count, raw.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        return .failure(Errno(errno))
      }
      if got == 0 { break }
      count += got
    }
    bytes.removeSubrange(count...)
    return .success(bytes)
  }

  /// One `read(2)`: the bytes read, 0 at the end, or -1 with `errno` set.
  static func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress!, buffer.count)
  }

  /// UTF-8 text as Foundation's `String(data:encoding: .utf8)` read it: one leading byte order
  /// mark is dropped, and invalid UTF-8 gives nil.
  static func decodeUTF8(_ bytes: [UInt8]) -> String? {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return String(validating: bytes[start...], as: UTF8.self)
  }

  /// The identity of a script for `source` loops: the absolute path with every symbolic link
  /// resolved, or the tidied absolute path when the file does not exist.
  static func canonical(_ path: String) -> String {
    let whole = absolute(path)
    return resolved(whole) ?? standardized(whole)
  }

  /// `realpath(3)`: nil when some component does not exist.
  static func resolved(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  /// `path` made absolute against the working directory, as `URL(fileURLWithPath:)` does:
  /// the empty path is the working directory and trailing slashes go.
  static func absolute(_ path: String) -> String {
    var whole = path
    if !whole.hasPrefix("/") {
      let folder = workingDirectory()
      whole = whole.isEmpty ? folder : folder + (folder.hasSuffix("/") ? "" : "/") + whole
    }
    while whole.count > 1 && whole.hasSuffix("/") { whole.removeLast() }
    return whole
  }

  /// An absolute path without `.`, `..` or repeated slashes (lexically, like Foundation).
  static func standardized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") where part != "." {
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
      } else {
        parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The folder holding `path` (an absolute path without a trailing slash).
  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func workingDirectory() -> String {
    guard let pointer = getcwd(nil, 0) else { return "/" }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
    while true {
      let result = call()
      if result >= 0 || errno != EINTR { return result }
    }
  }

  /// The text of Foundation's (Linux) error for a failed read with this errno.
  static func foundationReadMessage(errno code: Int32) -> String {
    let detail: String
    switch code {
    case EFBIG: detail = "The item is too large."
    case ENOENT: detail = "The file doesn’t exist."
    case EPERM, EACCES: detail = "You don’t have permission."
    case ENAMETOOLONG: detail = "The file name is invalid."
    default: detail = "(NSCocoaErrorDomain error 256.)"
    }
    return "The operation could not be completed. " + detail
  }

  /// An errno value carried as an error.
  struct Errno: Error, Equatable {
    var code: Int32
    init(_ code: Int32) { self.code = code }
  }
}
