using System.Net;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Makaretu.Dns;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Dns;

/// <summary>
/// Makaretu.Dns depends on SimpleBase 1.x, which the module does not ship (it is referenced with no
/// assets). This proves that nothing the engine calls needs it: the engine does not reference it,
/// it is not next to the tests, and a whole SIP test plus decoding every DNSSEC record type over
/// the wire never asks the runtime to load it.
/// </summary>
[Collection(SipLoopbackCollection.Name)]
public sealed class SimpleBaseAbsenceTests
{
    private readonly SipLoopbackFixture _servers;

    public SimpleBaseAbsenceTests(SipLoopbackFixture servers) => _servers = servers;

    [Fact]
    public void The_engine_references_Makaretu_Dns_but_not_SimpleBase()
    {
        using var stream = File.OpenRead(typeof(DnsClient).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();

        Assert.Contains("Makaretu.Dns", references);
        Assert.DoesNotContain("SimpleBase", references);
    }

    [Fact]
    public void SimpleBase_is_not_beside_the_tests() =>
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "SimpleBase.dll")));

    [Fact]
    public async Task A_SIP_test_and_DNSSEC_answers_never_ask_for_SimpleBase()
    {
        var asked = new List<string>();
        Func<AssemblyLoadContext, AssemblyName, Assembly?> record = (_, name) =>
        {
            lock (asked)
            {
                asked.Add(name.Name ?? string.Empty);
            }

            return null;
        };
        AssemblyLoadContext.Default.Resolving += record;
        try
        {
            Assert.True(SipServerAddress.TryParse("sip:" + SipServerFiles.Domain, out var server, out _));
            var results = await SipOptionsProbe.RunAsync(
                new SipOptionsOptions { Servers = new[] { server! }, DnsServers = new[] { _servers.Dns }, CertificateValidation = _servers.TrustTestCa, Timeout = TimeSpan.FromSeconds(5) },
                new CollectingLog(),
                null,
                CancellationToken.None);
            Assert.Contains(results, r => r.Status == "Succeeded");

            using var dnssec = new ScriptedDnsServer(q => new[] { WithDnssecRecords(q) });
            var client = new DnsClient(new[] { dnssec.EndPoint }, ConnectedUdpSocket.Connect, StunStreamClient.NewStreamSocket, SystemClock.Instance, new CollectingLog(), TimeSpan.FromSeconds(2));
            var answer = await client.QueryAsync("signed.lab.test", DnsType.A, SystemClock.Instance.Elapsed + TimeSpan.FromSeconds(3), CancellationToken.None);
            Assert.True(answer.Failure == DnsFailureKind.None, answer.Detail + " " + dnssec.ScriptFailure);
            Assert.Single(answer.Records);
        }
        finally
        {
            AssemblyLoadContext.Default.Resolving -= record;
        }

        Assert.DoesNotContain("SimpleBase", asked);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SimpleBase");
    }

    /// <summary>An answer to <paramref name="query"/> holding an A record and every DNSSEC type Makaretu.Dns models, written by Makaretu.Dns.</summary>
    private static byte[] WithDnssecRecords(byte[] query)
    {
        var request = new Message();
        request.Read(query, 0, query.Length);
        var response = request.CreateResponse();
        var name = new DomainName("signed.lab.test");
        response.Answers.Add(new ARecord { Name = name, Address = IPAddress.Parse("192.0.2.1") });
        response.Answers.Add(new RRSIGRecord { Name = name, TypeCovered = DnsType.A, Algorithm = SecurityAlgorithm.RSASHA256, SignerName = name, SignatureInception = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), SignatureExpiration = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), Signature = new byte[] { 1, 2, 3 } });
        response.AuthorityRecords.Add(new DNSKEYRecord { Name = name, Algorithm = SecurityAlgorithm.RSASHA256, PublicKey = new byte[] { 3, 1, 0, 1 } });
        response.AuthorityRecords.Add(new DSRecord { Name = name, Algorithm = SecurityAlgorithm.RSASHA256, HashAlgorithm = DigestType.Sha256, Digest = new byte[32] });
        response.AuthorityRecords.Add(new NSEC3Record { Name = name, HashAlgorithm = DigestType.Sha1, Salt = new byte[] { 0xAB }, NextHashedOwnerName = new byte[20], Types = { DnsType.A } });
        response.AuthorityRecords.Add(new NSECRecord { Name = name, NextOwnerName = name, Types = { DnsType.A } });
        return response.ToByteArray();
    }
}
