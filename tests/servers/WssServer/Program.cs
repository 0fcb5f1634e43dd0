using System.Net;
using System.Security.Cryptography.X509Certificates;
using TelnyxNet.Servers.Wss;

// telnyxnet-wss-server --listen ADDRESS --port PORT [--pfx FILE]: serves until SIGTERM or Ctrl+C;
// prints "READY <uri>" once listening. With --pfx (PKCS#12 without a password),
// TLS; without, plain WebSockets.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--listen", out var listen) || !options.TryGetValue("--port", out var port) || !IPAddress.TryParse(listen, out var address) || !int.TryParse(port, out var number))
{
    Console.Error.WriteLine("usage: telnyxnet-wss-server --listen ADDRESS --port PORT [--pfx FILE]");
    return 2;
}

using var certificate = options.TryGetValue("--pfx", out var pfx) ? X509CertificateLoader.LoadPkcs12FromFile(pfx, null) : null;
await using var server = await WssLabServer.StartAsync(new IPEndPoint(address, number), certificate);
Console.WriteLine("READY " + server.Uri());
var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
return 0;
