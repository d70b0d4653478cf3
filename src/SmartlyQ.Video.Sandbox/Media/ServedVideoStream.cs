using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// The file stream one <c>/files/…</c> answer reads: passes reads and seeks through, records the answer in
    /// <see cref="SandboxDownloadStats"/> at its first read (where range processing has already positioned it), and,
    /// with <see cref="SandboxOptions.DownloadBytesPerSecond"/> set, paces reads to that rate (real time, per answer).
    /// </summary>
    internal sealed class ServedVideoStream : Stream
    {
        // Paced reads come in slices of a twentieth of a second, so a kill lands mid-file however short the file.
        private const int SlicesPerSecond = 20;
        private readonly Stream _inner;
        private readonly SandboxDownloadStats _stats;
        private readonly long _bytesPerSecond;
        private Stopwatch? _clock;
        private long _sent;

        public ServedVideoStream(Stream inner, SandboxDownloadStats stats, long bytesPerSecond)
        {
            _inner = inner;
            _stats = stats;
            _bytesPerSecond = bytesPerSecond;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_clock == null)
            {
                _clock = Stopwatch.StartNew();
                if (_inner.Position < _inner.Length) _stats.AddAnswer(_inner.Position);
            }

            if (_bytesPerSecond > 0)
            {
                buffer = buffer[..(int)Math.Min(buffer.Length, Math.Max(1, _bytesPerSecond / SlicesPerSecond))];
                var due = TimeSpan.FromSeconds((double)_sent / _bytesPerSecond) - _clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
            }

            var read = await _inner.ReadAsync(buffer, cancellationToken);
            _sent += read;
            _stats.AddBytes(read);
            return read;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
