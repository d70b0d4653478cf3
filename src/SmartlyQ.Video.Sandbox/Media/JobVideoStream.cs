using System;
using System.Buffers.Binary;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// A job's video file, generated on the fly: the embedded clip, then one top-level MP4 <c>free</c> box
    /// holding the job id, its SHA-256 and (to reach <see cref="SandboxOptions.VideoSizeBytes"/>) filler
    /// derived from the id. Appending at the end keeps the clip's chunk offsets valid, so the file plays.
    /// Seekable and computed per read, so a 1 GB file never sits in memory and range requests are cheap.
    /// </summary>
    internal sealed class JobVideoStream : Stream
    {
        private const uint SmallBoxLimit = uint.MaxValue;
        private const int FillerBlockSize = 64 * 1024;
        private readonly byte[] _head;     // clip + free box header + job signature
        private readonly ulong _seed;      // filler generator seed, from the job id
        private readonly long _length;
        private long _position;
        private byte[]? _fillerBlock;

        public JobVideoStream(string jobId, ReadOnlySpan<byte> clip, long requestedSize)
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(jobId));
            var signature = Concat(Encoding.UTF8.GetBytes("SmartlyQ sandbox video " + jobId + "\n"), digest);
            _seed = BinaryPrimitives.ReadUInt64BigEndian(digest);

            long minimal = clip.Length + 8 + signature.Length;
            _length = Math.Max(requestedSize, minimal);
            long boxSize = _length - clip.Length;
            // Boxes over 4 GiB need the 64-bit "largesize" header form (ISO/IEC 14496-12 §4.2).
            var largeHeader = boxSize > SmallBoxLimit;

            var header = new byte[largeHeader ? 16 : 8];
            BinaryPrimitives.WriteUInt32BigEndian(header, largeHeader ? 1u : (uint)boxSize);
            Encoding.ASCII.GetBytes("free", header.AsSpan(4));
            if (largeHeader) BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), (ulong)boxSize);

            _head = Concat(clip.ToArray(), Concat(header, signature));
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(Span<byte> buffer)
        {
            var total = (int)Math.Min(buffer.Length, Math.Max(0, _length - _position));
            var written = 0;
            if (_position < _head.Length && total > 0)
            {
                var n = (int)Math.Min(total, _head.Length - _position);
                _head.AsSpan((int)_position, n).CopyTo(buffer);
                written = n;
            }
            if (written < total) FillFiller(buffer.Slice(written, total - written), _position + written - _head.Length);
            _position += total;
            return total;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new ValueTask<int>(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => _length + offset,
            };
            return _position;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Filler repeats one 64 KiB block generated from the job id: plain copies keep a 1 GB download fast.</summary>
        private void FillFiller(Span<byte> target, long fillerOffset)
        {
            var block = _fillerBlock ??= CreateFillerBlock(_seed);
            var at = (int)(fillerOffset % FillerBlockSize);
            while (!target.IsEmpty)
            {
                var n = Math.Min(FillerBlockSize - at, target.Length);
                block.AsSpan(at, n).CopyTo(target);
                target = target.Slice(n);
                at = 0;
            }
        }

        private static byte[] CreateFillerBlock(ulong seed)
        {
            var block = new byte[FillerBlockSize];
            for (var i = 0; i < FillerBlockSize / 8; i++)
                BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(i * 8), Mix(seed + (ulong)i * 0x9E3779B97F4A7C15UL));
            return block;
        }

        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var result = new byte[a.Length + b.Length];
            a.CopyTo(result, 0);
            b.CopyTo(result, a.Length);
            return result;
        }
    }
}
