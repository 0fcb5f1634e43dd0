// The lab library (tests/lab/TelnyxNet.Lab) holds the process helpers every fixture uses
// (BoundedProcess, CliRun, CoturnProcess) and the network lab itself.
global using TelnyxNet.Lab;
