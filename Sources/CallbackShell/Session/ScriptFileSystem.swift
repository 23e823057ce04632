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
  public var read: @Sendable (String) -> Result<String, FileProblem>
  public var write: @Sendable (String, String) -> Result<Void, FileProblem>
  public var canonicalPath: @Sendable (String) -> String

  public struct FileProblem: Error, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
  }

  public static let real = ScriptFileSystem(
    read: { path in ScriptFiles.read(path) },
    write: { path, text in
      if let code = POSIXFile.writeAtomically(Array(text.utf8), to: path) {
        return .failure(FileProblem(POSIXFile.foundationWriteMessage(errno: code)))
      }
      return .success(())
    },
    canonicalPath: { path in POSIXFile.canonical(path) })
}

/// Reading script files, with errors a user can act on.
public enum ScriptFiles {
  public static func read(_ path: String) -> Result<String, ScriptFileSystem.FileProblem> {
    guard let isDirectory = POSIXFile.isDirectory(path) else {
      return .failure(.init("no such file"))
    }
    guard !isDirectory else { return .failure(.init("it is a directory")) }
    guard case .success(let bytes) = POSIXFile.readAll(path) else {
      return .failure(.init("permission denied"))
    }
    guard !bytes.contains(0) else {
      return .failure(.init("it is a binary file (it holds NUL bytes)"))
    }
    guard let text = POSIXFile.decodeUTF8(bytes) else {
      return .failure(.init("it is not UTF-8 text"))
    }
    return .success(text)
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

  /// UTF-8 text as Foundation's `String(data:encoding: .utf8)` read it: one leading byte order
  /// mark is dropped, and invalid UTF-8 gives nil.
  static func decodeUTF8(_ bytes: [UInt8]) -> String? {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return String(validating: bytes[start...], as: UTF8.self)
  }

  /// Writes like Foundation's `Data.write(to:options: .atomic)` on Linux: a new file (mode
  /// 0666 less the umask) next to the target, synced, then renamed over it (a symbolic link at
  /// the target is replaced, not followed). Returns the errno of a failure.
  static func writeAtomically(_ bytes: [UInt8], to path: String) -> Int32? {
    let target = absolute(path)
    let folder = parent(of: target)
    let pid = String(getpid(), radix: 16, uppercase: true)
    var descriptor: Int32 = -1
    var temporary = ""
    for _ in 0..<7 {
      temporary =
        folder + (folder.hasSuffix("/") ? "" : "/") + ".dat.nosync\(pid)." + randomSuffix()
      // Foundation's mktemp turns an unreachable folder into an empty name, hence ENOENT.
      var info = stat()
      if lstat(temporary, &info) == 0 { continue }
      if errno != ENOENT { return ENOENT }
      descriptor = retryingInterrupts {
        open(temporary, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o666)
      }
      if descriptor >= 0 { break }
      if errno != EEXIST { return errno }
    }
    guard descriptor >= 0 else { return EIO }
    defer { close(descriptor) }
    if let code = writeAll(bytes, to: descriptor) {
      unlink(temporary)
      return code
    }
    guard rename(temporary, target) == 0 else {
      let code = errno
      unlink(temporary)
      return code == EBUSY ? writeInPlace(bytes, to: target, exclusive: false) : code
    }
    return nil
  }

  /// Writes like Foundation's non-atomic `Data.write(to:options:)`: opens with O_TRUNC (and
  /// O_EXCL when `exclusive`), mode 0666 less the umask. Returns the errno of a failure.
  static func writeInPlace(_ bytes: [UInt8], to path: String, exclusive: Bool) -> Int32? {
    let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (exclusive ? O_EXCL : 0)
    let descriptor = retryingInterrupts { open(path, flags, 0o666) }
    guard descriptor >= 0 else { return errno }
    defer { close(descriptor) }
    return writeAll(bytes, to: descriptor)
  }

  /// Writes every byte and syncs; a special file that cannot sync (EINVAL) is fine.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    guard !bytes.isEmpty else { return nil }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      offset += written
    }
    if fsync(descriptor) != 0 && errno != EINVAL { return errno }
    return nil
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

  private static func randomSuffix() -> String {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    return String((0..<6).map { _ in letters.randomElement()! })
  }

  private static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
    while true {
      let result = call()
      if result >= 0 || errno != EINTR { return result }
    }
  }

  /// The text of Foundation's (Linux) error for a failed write with this errno.
  static func foundationWriteMessage(errno code: Int32) -> String {
    "The operation could not be completed. " + foundationWriteDetail(errno: code)
  }

  static func foundationWriteDetail(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "The file doesn’t exist."
    case EPERM, EACCES: return "You don’t have permission."
    case ENAMETOOLONG: return "The file name is invalid."
    case EDQUOT, ENOSPC: return "There isn’t enough space."
    case EROFS: return "The volume is read only."
    case EEXIST: return "A file with the same name already exists."
    default: return "(NSCocoaErrorDomain error 512.)"
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
