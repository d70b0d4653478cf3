using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// Response body wrapper for file downloads under a body fault. Before the first byte (headers still open) it
    /// looks at the 200/206 answer's Content-Length and either picks a cut point (truncation) or inflates the
    /// declared length (wrong Content-Length). Other answers (404, HEAD) pass through untouched.
    /// </summary>
    internal sealed class FaultyDownloadBody : Stream
    {
        private readonly HttpContext _context;
        private readonly Stream _inner;
        private readonly double? _truncateShare;
        private readonly double? _extraShare;
        private bool _prepared;
        private long? _cutAt;
        private long _written;

        public FaultyDownloadBody(HttpContext context, Stream inner, double? truncateShare, double? extraShare)
        {
            _context = context;
            _inner = inner;
            _truncateShare = truncateShare;
            _extraShare = extraShare;
        }

        /// <summary>The body was cut and the connection aborted.</summary>
        public bool Cut { get; private set; }

        /// <summary>The declared Content-Length was raised above what will be sent.</summary>
        public bool Inflated { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Prepare();
            if (Cut) throw new OperationCanceledException("The download was cut by the sandbox's chaos mode.");
            if (_cutAt is not long cutAt || _written + buffer.Length <= cutAt)
            {
                _written += buffer.Length;
                await _inner.WriteAsync(buffer, cancellationToken);
                return;
            }

            var keep = (int)(cutAt - _written);
            if (keep > 0) await _inner.WriteAsync(buffer[..keep], cancellationToken);
            _written += keep;
            await ChaosAbort.AfterDeliveryAsync(_context, _inner);
            Cut = true;
            // Stops the copy loop; the file result treats cancellation as a client disconnect and ends quietly.
            throw new OperationCanceledException("The download was cut by the sandbox's chaos mode.");
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            // Response.StartAsync arrives here: the headers must be final before the inner stream sends them.
            Prepare();
            return Cut ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private void Prepare()
        {
            if (_prepared) return;
            _prepared = true;
            var response = _context.Response;
            if (response.HasStarted || (response.StatusCode != 200 && response.StatusCode != 206) || response.ContentLength is not long length) return;

            // Clamped to [1, length-1]: a client resuming with Range always gets at least one new byte, so it converges.
            if (_truncateShare is double share && length >= 2)
                _cutAt = Math.Clamp((long)Math.Floor(length * share), 1, length - 1);
            else if (_extraShare is double extra && length >= 1)
            {
                response.ContentLength = length + Math.Max(1, (long)Math.Floor(length * extra));
                Inflated = true;
            }
        }
    }
}
