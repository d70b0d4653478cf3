using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Resilience;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// A read-only view of an answer body in which every asynchronous read must bring its first byte within a stall
    /// limit, else <see cref="IOException"/> ("no bytes for 30 s"). Synchronous reads are not supported: the body is
    /// network I/O. Disposing it disposes the inner stream.
    /// </summary>
    internal sealed class StallGuardStream : Stream
    {
        private readonly Stream _inner;
        private readonly TimeProvider _timeProvider;
        private readonly TimeSpan _stall;
        private readonly string _operation;

        public StallGuardStream(Stream inner, TimeProvider timeProvider, TimeSpan stall, string operation)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _timeProvider = timeProvider;
            _stall = stall;
            _operation = operation;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using var stall = new TimerCancellation(_timeProvider, cancellationToken);
            stall.Arm(_stall);
            try
            {
                return await _inner.ReadAsync(buffer, offset, count, stall.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (stall.Fired)
            {
                throw new IOException(string.Format(CultureInfo.InvariantCulture, "The answer to {0} stalled: no bytes for {1} (AttemptTimeout).",
                    _operation, TransientFailure.Seconds(_stall)), ex);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
