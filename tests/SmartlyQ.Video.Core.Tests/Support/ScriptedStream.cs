using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>A read-only body that gives <paramref name="data"/> and then fails, like a dropped connection.</summary>
    internal sealed class ScriptedStream : Stream
    {
        private readonly byte[] _data;
        private readonly string _failure;
        private int _position;

        public ScriptedStream(byte[] data, string failure = "connection reset by peer")
        {
            _data = data;
            _failure = failure;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _data.Length) throw new IOException(_failure);
            int n = Math.Min(count, _data.Length - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= _data.Length) throw new IOException(_failure);
            int n = Math.Min(buffer.Length, _data.Length - _position);
            _data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return new ValueTask<int>(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
