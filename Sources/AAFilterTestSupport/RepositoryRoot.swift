import Foundation

/// The repository's root folder, for tests that read its examples, fixtures and documents.
public var repositoryRoot: URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
}
