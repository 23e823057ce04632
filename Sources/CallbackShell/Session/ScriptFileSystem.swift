import Foundation

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
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return .success(())
      } catch {
        return .failure(FileProblem(ScriptFiles.reason(error, path: path)))
      }
    },
    canonicalPath: { path in
      URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    })
}

/// Reading script files, with errors a user can act on.
public enum ScriptFiles {
  public static func read(_ path: String) -> Result<String, ScriptFileSystem.FileProblem> {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(.init("no such file"))
    }
    guard !isDirectory.boolValue else { return .failure(.init("it is a directory")) }
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(.init("permission denied"))
    }
    guard !data.contains(0) else {
      return .failure(.init("it is a binary file (it holds NUL bytes)"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(.init("it is not UTF-8 text"))
    }
    return .success(text)
  }

  static func reason(_ error: Error, path: String) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
