#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file system side of `cbsh test`: finding, reading and rewriting transcripts.
enum TranscriptIO {
  /// Why a read or a write failed, for `FILE: error: cannot read: …`.
  struct Failure: Error, Equatable {
    var reason: String
  }

  static let fileExtension = "cbsh"

  /// The transcript files named by `paths`: files as given, folders searched recursively and
  /// sorted bytewise by path. A file named twice runs once.
  static func transcriptFiles(paths: [String]) throws(TranscriptError) -> [String] {
    var files: [String] = []
    var seen = Set<String>()
    for path in paths {
      guard let isFolder = POSIXFile.isDirectory(path) else {
        throw .missing(path: path)
      }
      let found: [String]
      if isFolder {
        found = try transcripts(inFolder: path)
        if found.isEmpty { throw .noTranscripts(path: path) }
      } else if isTranscriptName(path) {
        found = [path]
      } else {
        throw .notATranscript(path: path)
      }
      for file in found where seen.insert(file).inserted {
        files.append(file)
      }
    }
    return files
  }

  private static func isTranscriptName(_ path: String) -> Bool {
    path.hasSuffix("." + fileExtension)
  }

  private static func transcripts(inFolder folder: String) throws(TranscriptError) -> [String] {
    let relativePaths: [String]
    do {
      relativePaths = try subpaths(of: folder)
    } catch {
      throw .unreadable(path: folder, reason: readReason(errno: error.code))
    }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    var files: [String] = []
    for relativePath in relativePaths where isTranscriptName(relativePath) {
      let path = prefix + relativePath
      if POSIXFile.isDirectory(path) == false {
        files.append(path)
      }
    }
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Every path under `folder`, relative to it, as Foundation's `subpathsOfDirectory` (an
  /// `fts` walk) lists them: hidden names too, symbolic links listed but not followed (nor is
  /// `folder` itself when it is one), and any folder that cannot be read is an error.
  private static func subpaths(of folder: String) throws(POSIXFile.Errno) -> [String] {
    var info = stat()
    guard lstat(folder, &info) == 0 else { throw POSIXFile.Errno(errno) }
    guard info.st_mode & S_IFMT == S_IFDIR else { return [] }
    var found: [String] = []
    try collect(folder: folder, relative: "", into: &found)
    return found
  }

  private static func collect(
    folder: String, relative: String, into found: inout [String]
  ) throws(POSIXFile.Errno) {
    guard let stream = opendir(folder) else { throw POSIXFile.Errno(errno) }
    defer { closedir(stream) }
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { throw POSIXFile.Errno(errno) }
        return
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      let relativePath = relative.isEmpty ? name : relative + "/" + name
      found.append(relativePath)
      let type = entry.pointee.d_type
      guard type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) else { continue }
      var info = stat()
      guard lstat(path, &info) == 0 else { throw POSIXFile.Errno(errno) }
      if info.st_mode & S_IFMT == S_IFDIR {
        try collect(folder: path, relative: relativePath, into: &found)
      }
    }
  }

  static func read(path: String) throws(Failure) -> String {
    let bytes: [UInt8]
    switch POSIXFile.readAll(path) {
    case .success(let contents): bytes = contents
    case .failure(let error): throw Failure(reason: readReason(errno: error.code))
    }
    guard let text = POSIXFile.decodeUTF8(bytes) else {
      throw Failure(reason: "not valid UTF-8")
    }
    return text
  }

  /// Replaces the file's contents, keeping its permissions. Writes a temporary file next to it
  /// and renames it over the original; writes in place when that temporary file cannot be made.
  static func write(_ text: String, to path: String) throws(Failure) {
    guard access(path, W_OK) == 0 else {
      throw Failure(reason: "permission denied")
    }
    let whole = POSIXFile.absolute(path)
    let target = POSIXFile.resolved(whole) ?? POSIXFile.standardized(whole)
    let bytes = Array(text.utf8)
    var original = stat()
    let known = lstat(target, &original) == 0

    let name = target[target.index(after: target.lastIndex(of: "/")!)...]
    let folder = POSIXFile.parent(of: target)
    let temporary =
      (folder.hasSuffix("/") ? folder : folder + "/") + ".\(name).\(getpid()).tmp"
    if let code = POSIXFile.writeInPlace(bytes, to: temporary, exclusive: true) {
      // Someone else's file is left alone; a half-written one of ours goes.
      if code != EEXIST { unlink(temporary) }
      if let code = POSIXFile.writeInPlace(bytes, to: target, exclusive: false) {
        throw Failure(reason: writeReason(errno: code))
      }
      return
    }
    // Separate calls: a refused owner change must not skip the permissions.
    if known {
      _ = chmod(temporary, original.st_mode & 0o7777)
      _ = lchown(temporary, original.st_uid, gid_t.max)
      _ = lchown(temporary, uid_t.max, original.st_gid)
    }
    guard rename(temporary, target) == 0 else {
      let code = errno
      unlink(temporary)
      throw Failure(reason: describe(errno: code))
    }
  }

  /// A short reason for a failed read, as Foundation's errors read: `permission denied`.
  private static func readReason(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EPERM, EACCES: return "permission denied"
    default: return POSIXFile.foundationReadMessage(errno: code)
    }
  }

  /// A short reason for a failed write, as Foundation's errors read: `permission denied`.
  private static func writeReason(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file"
    case EPERM, EACCES: return "permission denied"
    case EROFS: return "read-only file system"
    default: return POSIXFile.foundationWriteMessage(errno: code)
    }
  }

  /// `strerror` text starting in lower case: `permission denied`.
  private static func describe(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
  }
}
