using System.IO;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// A stream that first gives back bytes already read past an HTTP head (a frame the server sent
/// right after 101, say), then reads on from the inner stream. Writes go straight through.
/// </summary>
internal sealed class PrefixedStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _prefix;
    private int _offset;

    public PrefixedStream(Stream inner, byte[] prefix)
    {
        _inner = inner;
        _prefix = prefix;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        TakePrefix(buffer, offset, count) is int taken and > 0 ? taken : _inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        TakePrefix(buffer, offset, count) is int taken and > 0 ? Task.FromResult(taken) : _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int TakePrefix(byte[] buffer, int offset, int count)
    {
        var taken = Math.Min(count, _prefix.Length - _offset);
        if (taken <= 0)
        {
            return 0;
        }

        Buffer.BlockCopy(_prefix, _offset, buffer, offset, taken);
        _offset += taken;
        return taken;
    }
}
