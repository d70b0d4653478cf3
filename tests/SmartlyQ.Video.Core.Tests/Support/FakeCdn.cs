using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>How one answer of <see cref="FakeCdn"/> goes wrong.</summary>
    internal enum BodyFault
    {
        /// <summary>The whole (remaining) body arrives.</summary>
        None,

        /// <summary>After the given bytes the read throws <see cref="IOException"/> (connection reset).</summary>
        Reset,

        /// <summary>After the given bytes the body ends cleanly although Content-Length promised more.</summary>
        EndEarly,

        /// <summary>After the given bytes no more bytes come: the clock advances past the stall timeout and the read hangs until cancelled.</summary>
        Stall,
    }

    /// <summary>
    /// A video host that serves one file, honours <c>Range: bytes=N-</c> with 206 + <c>Content-Range</c> (unless told
    /// to ignore it), and breaks its answers as scripted, one <see cref="Plan"/> entry per answer.
    /// </summary>
    internal sealed class FakeCdn
    {
        private readonly byte[] _file;
        private readonly ConcurrentQueue<(BodyFault Fault, int After)> _plan = new ConcurrentQueue<(BodyFault, int)>();
        private readonly ConcurrentQueue<string?> _ranges = new ConcurrentQueue<string?>();
        private readonly ConcurrentQueue<string?> _ifRanges = new ConcurrentQueue<string?>();

        public FakeCdn(byte[] file, RecordingTimeProvider clock)
        {
            _file = file;
            Clock = clock;
        }

        public RecordingTimeProvider Clock { get; }

        /// <summary>When false the host answers every request with 200 and the whole file.</summary>
        public bool HonourRange { get; set; } = true;

        /// <summary>Sent as <c>ETag</c> when set.</summary>
        public string? ETag { get; set; }

        /// <summary>Sent as <c>Last-Modified</c> when set.</summary>
        public DateTimeOffset? LastModified { get; set; }

        /// <summary>
        /// When true (the default) a Range request whose <c>If-Range</c> does not match <see cref="ETag"/> (or
        /// <see cref="LastModified"/>) gets 200 and the whole file; when false <c>If-Range</c> is ignored.
        /// </summary>
        public bool HonourIfRange { get; set; } = true;

        /// <summary>How far <see cref="BodyFault.Stall"/> moves the clock before hanging.</summary>
        public TimeSpan StallFor { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary><c>Range</c> header of every request, in order (null when absent).</summary>
        public string?[] Ranges => _ranges.ToArray();

        /// <summary><c>If-Range</c> header of every request, in order (null when absent).</summary>
        public string?[] IfRanges => _ifRanges.ToArray();

        /// <summary>The next answer breaks after <paramref name="after"/> bytes of its body.</summary>
        public FakeCdn Then(BodyFault fault, int after)
        {
            _plan.Enqueue((fault, after));
            return this;
        }

        public HttpResponseMessage Respond(HttpRequestMessage request)
        {
            _ranges.Enqueue(request.Headers.Range?.ToString());
            _ifRanges.Enqueue(request.Headers.IfRange?.ToString());

            long from = 0;
            RangeItemHeaderValue? item = null;
            if (request.Headers.Range != null)
                foreach (RangeItemHeaderValue r in request.Headers.Range.Ranges) item = r;
            bool partial = HonourRange && item?.From != null && item.From.Value > 0 && IfRangeMatches(request.Headers.IfRange);
            if (partial) from = item!.From!.Value;
            if (partial && from >= _file.Length)
            {
                var unsatisfiable = new HttpResponseMessage((HttpStatusCode)416) { Content = new ByteArrayContent(Array.Empty<byte>()) };
                unsatisfiable.Content.Headers.ContentRange = new ContentRangeHeaderValue(_file.Length);
                if (ETag != null) unsatisfiable.Headers.ETag = new EntityTagHeaderValue(ETag);
                return unsatisfiable;
            }

            int offset = (int)from;
            int remaining = _file.Length - offset;
            (BodyFault fault, int after) = _plan.TryDequeue(out var next) ? next : (BodyFault.None, remaining);
            int served = Math.Min(after, remaining);

            Stream body = fault switch
            {
                BodyFault.None => new MemoryStream(_file, offset, remaining, writable: false),
                BodyFault.Reset => new ScriptedStream(Slice(offset, served)),
                BodyFault.EndEarly => new MemoryStream(Slice(offset, served)),
                _ => new StallingStream(Slice(offset, served), Clock, StallFor),
            };

            var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            content.Headers.ContentLength = remaining;
            var response = new HttpResponseMessage(partial ? HttpStatusCode.PartialContent : HttpStatusCode.OK) { Content = content };
            if (partial) content.Headers.ContentRange = new ContentRangeHeaderValue(from, _file.Length - 1, _file.Length);
            if (ETag != null) response.Headers.ETag = new EntityTagHeaderValue(ETag);
            if (LastModified != null) content.Headers.LastModified = LastModified;
            return response;
        }

        private bool IfRangeMatches(RangeConditionHeaderValue? condition)
        {
            if (condition == null || !HonourIfRange) return true;
            if (condition.EntityTag != null) return ETag != null && condition.EntityTag.ToString() == ETag;
            return LastModified != null && condition.Date == LastModified;
        }

        private byte[] Slice(int offset, int count)
        {
            var slice = new byte[count];
            Array.Copy(_file, offset, slice, 0, count);
            return slice;
        }
    }

    /// <summary>What a hung server does: nothing, until the client cancels (bounded in real time so a broken client fails instead of hanging the run).</summary>
    internal static class Hang
    {
        public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

        public static async Task UntilCancelled(CancellationToken cancellationToken)
        {
            await Task.Delay(Limit, cancellationToken);
            throw new InvalidOperationException("The client never cancelled a hung request within " + Limit.TotalSeconds + " s of real time.");
        }
    }

    /// <summary>A body that gives its bytes, moves the virtual clock on by <c>stallFor</c>, then hangs until cancelled.</summary>
    internal sealed class StallingStream : FakeBody
    {
        private readonly RecordingTimeProvider _clock;
        private readonly TimeSpan _stallFor;

        public StallingStream(byte[] data, RecordingTimeProvider clock, TimeSpan stallFor)
            : base(data)
        {
            _clock = clock;
            _stallFor = stallFor;
        }

        protected override async ValueTask<int> AfterDataAsync(CancellationToken cancellationToken)
        {
            _clock.Advance(_stallFor);
            await Hang.UntilCancelled(cancellationToken);
            return 0;
        }
    }

    /// <summary>A write-only destination that cannot seek (a pipe, a network stream) and records its largest write.</summary>
    internal sealed class NonSeekableSink : Stream
    {
        private readonly MemoryStream _inner = new MemoryStream();

        public int LargestWrite { get; private set; }

        public byte[] ToArray() => _inner.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            LargestWrite = Math.Max(LargestWrite, count);
            _inner.Write(buffer, offset, count);
        }
    }
}
