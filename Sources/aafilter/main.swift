import AAFilterCLI
import Foundation

exit(AAFilter.main(Array(CommandLine.arguments.dropFirst()), console: .standard))
