import Foundation

/// Wall-clock timing with medians, and peak memory from the kernel.
enum Measure {
  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// Median seconds of `runs` runs of `body`.
  static func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
      let start = now()
      try body()
      samples.append(Double(now() - start) / 1e9)
    }
    samples.sort()
    return samples[samples.count / 2]
  }

  /// Peak resident memory of finished child processes, in bytes.
  static func childrenPeakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return usage.ru_maxrss * 1024
  }

  /// Runs a command, returning its wall time and whether it succeeded; output is discarded.
  static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) -> (
    seconds: Double, ok: Bool
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
    let start = now()
    do {
      try process.run()
    } catch {
      return (0, false)
    }
    process.waitUntilExit()
    return (Double(now() - start) / 1e9, process.terminationStatus == 0)
  }

  /// Peak RSS of one run of a command: this program re-runs itself as a wrapper whose only
  /// child is the command, so the wrapper's children figure is that command's alone.
  static func peakRSS(_ executable: String, _ arguments: [String]) -> (seconds: Double, bytes: Int)?
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--peak-rss", executable] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // A failed command has no figures worth reporting.
    guard process.terminationStatus == 0 else { return nil }
    let fields = output.split(separator: " ")
    guard fields.count == 2, let seconds = Double(fields[0]),
      let bytes = Int(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
    else { return nil }
    return (seconds, bytes)
  }

  /// The wrapper side of `peakRSS`: run, wait, print "seconds bytes".
  static func wrapperMain(_ arguments: [String]) -> Never {
    guard let executable = arguments.first else { exit(2) }
    let (seconds, ok) = run(executable, Array(arguments.dropFirst()))
    print("\(seconds) \(childrenPeakRSS())")
    exit(ok ? 0 : 1)
  }

  static func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(
      separator: ":")
    {
      let path = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }
}
