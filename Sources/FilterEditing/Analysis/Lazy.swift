import Foundation

/// A value computed on first use and then kept, shared by copies of the value that owns it.
///
/// `EditorDocument` is a value type that a server keeps per open document and hands to other
/// threads; the lint of a large document is the costly part and only diagnostics need it, so it
/// is computed once, under a lock, by whichever caller asks first.
final class Lazy<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value?
  private let compute: @Sendable () -> Value

  init(_ compute: @escaping @Sendable () -> Value) {
    self.compute = compute
  }

  var wrapped: Value {
    lock.lock()
    defer { lock.unlock() }
    if let value { return value }
    let computed = compute()
    value = computed
    return computed
  }
}
