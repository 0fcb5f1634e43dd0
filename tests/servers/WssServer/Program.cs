using System.Net;
using System.Security.Cryptography.X509Certificates;
using TelnyxNet.Servers.Wss;

// telnyxnet-wss-server --listen ADDRESS --port PORT [--pfx FILE]: serves until standard input
// closes or SIGTERM; prints "READY <uri>" once listening. With --pfx (PKCS#12 without a password),
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
using var stop = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var stdin = Task.Run(() => Console.In.ReadToEnd());
await Task.WhenAny(stdin, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
return 0;
