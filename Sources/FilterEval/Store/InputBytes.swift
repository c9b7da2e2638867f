import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of one findings input, held once: a read-only memory map of a regular file, or
/// a single buffer of exactly the input's size.
///
/// Stores keep spans into these bytes instead of copies, so an input of any size costs its own
/// pages and no more. Pages of a map that were read can be handed back to the kernel
/// (`release`): they are read again from the file if a span is used later.
public final class InputBytes: @unchecked Sendable {
  /// The input. Valid for the life of this object; never written.
  public let buffer: UnsafeBufferPointer<UInt8>
  private let isMapped: Bool

  /// Copies `bytes` into a buffer of exactly their size.
  public init(_ bytes: some Collection<UInt8>) {
    let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
    _ = storage.initialize(from: bytes)
    buffer = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(storage)[0..<bytes.count])
    isMapped = false
  }

  private init(mapped: UnsafeBufferPointer<UInt8>) {
    buffer = mapped
    isMapped = true
  }

  /// Maps the regular file at `path`; `nil` when it is not a regular file (a pipe, a device)
  /// or cannot be mapped, so the caller reads it as a stream instead.
  public static func map(path: String) -> InputBytes? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(status.st_size)
    guard size > 0 else { return InputBytes([]) }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else { return nil }
    let start = address.assumingMemoryBound(to: UInt8.self)
    return InputBytes(mapped: UnsafeBufferPointer(start: start, count: size))
  }

  /// The input's size in bytes.
  public var count: Int { buffer.count }

  /// Tells the kernel that the whole pages inside `range` will not be needed soon, so a
  /// single pass over a large file keeps few pages resident. Harmless for a buffer. Returns
  /// where the released pages end, where the next release in a pass should start.
  @discardableResult
  package func release(_ range: Range<Int>) -> Int {
    let page = Self.pageSize
    let lower = (range.lowerBound + page - 1) / page * page
    let upper = range.upperBound / page * page
    guard isMapped, upper > lower, let base = buffer.baseAddress else {
      return max(range.lowerBound, upper)
    }
    _ = madvise(UnsafeMutableRawPointer(mutating: base + lower), upper - lower, MADV_DONTNEED)
    return upper
  }

  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  deinit {
    if isMapped {
      if let base = buffer.baseAddress {
        munmap(UnsafeMutableRawPointer(mutating: base), buffer.count)
      }
    } else if let base = buffer.baseAddress {
      UnsafeMutablePointer(mutating: base).deallocate()
    }
  }
}
