using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>
    /// A read-only response body for download tests: serves its bytes (in chunks of at most <c>chunk</c>), then does
    /// what the subclass says happens at the end — a reset, a stall, a cancel.
    /// </summary>
    internal abstract class FakeBody : Stream
    {
        private readonly byte[] _data;
        private readonly int _chunk;
        private int _position;

        protected FakeBody(byte[] data, int chunk = int.MaxValue)
        {
            _data = data;
            _chunk = chunk;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
            => ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= _data.Length) return await AfterDataAsync(cancellationToken);
            BeforeChunk(cancellationToken);
            int n = Math.Min(Math.Min(buffer.Length, _chunk), _data.Length - _position);
            _data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        /// <summary>Runs before each chunk is served (e.g. to move a virtual clock on).</summary>
        protected virtual void BeforeChunk(CancellationToken cancellationToken)
        {
        }

        /// <summary>What a read past the bytes does: 0 for a clean end, or throw, or hang.</summary>
        protected abstract ValueTask<int> AfterDataAsync(CancellationToken cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
