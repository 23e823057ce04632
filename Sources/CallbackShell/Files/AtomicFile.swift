#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way cbsh writes a user's file (`save`, every `file=`, `cbsh test --update`): a
/// temporary file in the same folder, written, synced, given the old file's mode and owner,
/// then renamed over the path. Whatever fails, the file at the path is either the old one or
/// the whole new one, and the temporary file is gone (also on SIGINT, SIGTERM and SIGHUP).
/// Only a new path or a regular file is replaced; symbolic links, FIFOs, devices, sockets
/// and folders are refused, and nothing is written.
enum AtomicFile {
  /// Why nothing was written: a sentence without the path, for `cannot save to PATH: …`.
  struct Failure: Error, Equatable {
    var reason: String
    /// The errno behind the failure, if there was one.
    var code: Int32?

    init(_ reason: String, code: Int32? = nil) {
      self.reason = reason
      self.code = code
    }
  }

  /// What a file was when it was read, to notice a change before replacing it.
  struct Identity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: [Int]
    var changed: [Int]

    init(_ info: stat) {
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
      size = Int64(info.st_size)
      modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
      changed = [Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
    }

    /// The file at `path` now (not following a symbolic link), or nil.
    static func of(_ path: String) -> Identity? {
      var info = stat()
      return lstat(path, &info) == 0 ? Identity(info) : nil
    }
  }

  /// Checks that `path` may be written: nil for a new path in an existing folder, the old
  /// file's status for a regular file, a failure for anything else. Changes nothing.
  static func check(_ path: String) throws(Failure) -> stat? {
    guard !path.isEmpty else { throw Failure("the path is empty") }
    guard !path.hasSuffix("/") else {
      throw Failure("a path ending in / names a folder; give a file name")
    }
    var info = stat()
    if lstat(path, &info) == 0 {
      if let kind = nonRegularKind(info.st_mode) {
        throw Failure(refusal(kind))
      }
      if access(path, W_OK) != 0 {
        throw Failure(
          "\(describe(errno: errno)): the file is read-only; nothing was written", code: errno)
      }
      return info
    }
    let code = errno
    let folder = folder(of: path)
    guard code == ENOENT || code == ENOTDIR else {
      throw Failure(describe(errno: code), code: code)
    }
    var folderInfo = stat()
    guard stat(folder, &folderInfo) == 0 else {
      let folderCode = errno
      guard folderCode == ENOENT else {
        throw Failure(describe(errno: folderCode) + ": folder \(folder)", code: folderCode)
      }
      throw Failure("folder \(folder) does not exist; create it first", code: ENOENT)
    }
    guard folderInfo.st_mode & S_IFMT == S_IFDIR else {
      throw Failure("\(folder) is not a folder", code: ENOTDIR)
    }
    return nil
  }

  /// Replaces `path` with `bytes`, as the type's comment says.
  /// - Parameters:
  ///   - unchangedSince: the file as it was read; if it is different now, nothing is written.
  ///   - beforeRename: runs between writing and renaming (tests interrupt there).
  static func write(
    _ bytes: [UInt8], to path: String, unchangedSince: Identity? = nil,
    beforeRename: () -> Void = {}
  ) throws(Failure) {
    let original = try check(path)
    let folder = folder(of: path)
    let cleanup = SignalCleanup()
    defer { cleanup.finish() }
    let (descriptor, temporary) = try createTemporary(
      in: folder, for: path, keepsMode: original != nil, cleanup: cleanup)
    var closed = false
    func abandon(_ failure: Failure) -> Failure {
      if !closed { close(descriptor) }
      closed = true
      cleanup.removeTemporary(temporary)
      return failure
    }
    if let code = writeAll(bytes, to: descriptor, cleanup: cleanup) {
      throw abandon(writeFailure(code, folder: folder, existed: original != nil))
    }
    if let original {
      // Owner first: a change of owner clears set-user-ID bits that the mode then restores.
      _ = fchown(descriptor, original.st_uid, gid_t.max)
      _ = fchown(descriptor, uid_t.max, original.st_gid)
      if fchmod(descriptor, original.st_mode & 0o7777) != 0 {
        throw abandon(writeFailure(errno, folder: folder, existed: true))
      }
    }
    if fsync(descriptor) != 0 {
      throw abandon(writeFailure(errno, folder: folder, existed: original != nil))
    }
    close(descriptor)
    closed = true
    beforeRename()
    if cleanup.interrupted {
      throw abandon(writeFailure(EINTR, folder: folder, existed: original != nil))
    }
    // The path may have changed while we wrote: check it again, just before the rename.
    do throws(Failure) {
      let now = try check(path)
      if let unchangedSince, now.map(Identity.init) != unchangedSince {
        throw Failure(
          "it changed on disk since cbsh read it; nothing was written, so that change is"
            + " kept: run again to update it")
      }
    } catch {
      throw abandon(error)
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      throw abandon(writeFailure(code, folder: folder, existed: original != nil))
    }
    cleanup.renamed()
    syncFolder(folder)
  }

  /// A new file `.NAME.PID.tmp` in `folder` (or `.NAME.PID.N.tmp` if that name is taken),
  /// known to `cleanup`. Mode 0600 when it will get an old file's mode, else 0666 less the
  /// umask, as a new file gets.
  private static func createTemporary(
    in folder: String, for path: String, keepsMode: Bool, cleanup: SignalCleanup
  ) throws(Failure) -> (Int32, String) {
    let name = String(path[(path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex)...])
    // Long names would make the temporary name too long for the folder.
    let stem = name.utf8.count > 200 ? "cbsh" : name
    let prefix = (folder.hasSuffix("/") ? folder : folder + "/") + ".\(stem).\(getpid())"
    for attempt in 0..<100 {
      let temporary = prefix + (attempt == 0 ? "" : ".\(attempt)") + ".tmp"
      let absolute = POSIXFile.absolute(temporary)
      // Known before it exists: a signal between open and the record would leave it behind.
      cleanup.willCreate(absolute)
      let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
      let descriptor = POSIXFile.retryingInterrupts {
        open(temporary, flags, keepsMode ? 0o600 : 0o666)
      }
      if descriptor >= 0 { return (descriptor, temporary) }
      let code = errno
      cleanup.notCreated()
      guard code == EEXIST else { throw writeFailure(code, folder: folder, existed: keepsMode) }
    }
    throw Failure("cannot make a temporary file in \(folder): too many names taken", code: EEXIST)
  }

  /// Writes every byte; the errno of a failure. Ignores SIGXFSZ meanwhile, so that the file
  /// size limit gives EFBIG instead of ending the process.
  private static func writeAll(
    _ bytes: [UInt8], to descriptor: Int32, cleanup: SignalCleanup
  ) -> Int32? {
    var ignore = sigaction()
    ignore.__sigaction_handler.sa_handler = SIG_IGN
    sigemptyset(&ignore.sa_mask)
    var previous = sigaction()
    sigaction(SIGXFSZ, &ignore, &previous)
    defer { sigaction(SIGXFSZ, &previous, nil) }
    var offset = 0
    while offset < bytes.count {
      if cleanup.interrupted { return EINTR }
      let written = bytes.withUnsafeBytes { raw in
        systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      offset += written
    }
    return nil
  }

  /// Makes the rename itself durable; a folder that cannot sync changes nothing.
  private static func syncFolder(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  /// The folder holding `path`, as the user spelled it: `.` for a bare name.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// What a file that is not a regular file is, or nil for a regular file.
  static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFLNK: return "a symbolic link"
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
  }

  private static func refusal(_ kind: String) -> String {
    switch kind {
    case "a folder": return "it is a folder; give the path of a file inside it"
    case "a symbolic link":
      return "it is a symbolic link; cbsh does not write through links: give the path it points to"
    default: return "it is \(kind), not a regular file; cbsh only replaces regular files"
    }
  }

  /// Why a write failed, and that nothing changed: `the file is unchanged` for a file that
  /// existed, `nothing was written` for a new path.
  private static func writeFailure(_ code: Int32, folder: String, existed: Bool) -> Failure {
    let text = describe(errno: code)
    let unchanged = existed ? "the file is unchanged" : "nothing was written"
    switch code {
    case EINTR: return Failure("interrupted; \(unchanged)", code: code)
    case ENOSPC, EDQUOT:
      return Failure("\(text); \(unchanged): free some space and try again", code: code)
    case EFBIG:
      return Failure("\(text) for the file size limit (ulimit -f); \(unchanged)", code: code)
    case EACCES, EPERM:
      return Failure("\(text): cannot create a file in folder \(folder)", code: code)
    default:
      return Failure("\(text); \(unchanged)", code: code)
    }
  }

  /// `strerror` of `code`: `No space left on device`.
  static func describe(errno code: Int32) -> String {
    String(cString: strerror(code))
  }
}

/// `write(2)`, under a name the type's own `write` does not hide.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
