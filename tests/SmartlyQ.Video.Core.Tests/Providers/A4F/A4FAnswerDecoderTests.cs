using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Providers.A4F;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.A4F
{
    /// <summary>The synchronous answer read as a stream: the video decoded byte for byte, JSON escapes undone, a cut body seen as such.</summary>
    public class A4FAnswerDecoderTests
    {
        private static byte[] Video(int length)
        {
            var bytes = new byte[length];
            new Random(length).NextBytes(bytes);
            return bytes;
        }

        private static async Task<(A4FAnswer Answer, byte[] Video)> Decode(string json, int chunk = 7)
        {
            using var video = new MemoryStream();
            A4FAnswer answer = await A4FAnswerDecoder.DecodeAsync(new Trickle(Encoding.UTF8.GetBytes(json), chunk), video, null, CancellationToken.None);
            return (answer, video.ToArray());
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(65536)]
        public async Task The_base64_of_data0_becomes_the_exact_video_whatever_the_read_sizes(int chunk)
        {
            byte[] expected = Video(200_001);
            string json = "{\"created\": 1730000000, \"data\": [{\"b64_json\": \"" + Convert.ToBase64String(expected) + "\", \"url\": null, \"revised_prompt\": \"a kite, at dusk\"}]}";

            var (answer, video) = await Decode(json, chunk);

            Assert.Equal(expected, video);
            Assert.Equal(expected.Length, answer.VideoBytes);
            Assert.Equal(1730000000, answer.Created);
            Assert.Equal("a kite, at dusk", answer.RevisedPrompt);
            Assert.Null(answer.Url);
        }

        [Fact]
        public async Task Json_escapes_and_line_breaks_inside_the_base64_are_undone()
        {
            byte[] expected = Video(3000);
            string b64 = Convert.ToBase64String(expected);
            // A serializer may escape '/' as \/ or \u002F and '+' as \u002B, and wrap long lines with \n.
            string escaped = string.Concat(b64.Select((c, i) => c == '/' ? (i % 2 == 0 ? "\\/" : "\\u002F") : c == '+' ? "\\u002B" : i % 76 == 75 ? c + "\\n" : c.ToString()));
            Assert.Contains("\\u002F", escaped);

            var (_, video) = await Decode("{\"data\":[{\"revised_prompt\":\"say \\\"hi\\\" \\u00e9\",\"b64_json\":\"" + escaped + "\"}],\"created\":1}");

            Assert.Equal(expected, video);
        }

        [Fact]
        public async Task Strings_beside_the_video_keep_their_escapes()
        {
            var (answer, _) = await Decode("{\"created\":1,\"data\":[{\"b64_json\":\"AAAA\",\"revised_prompt\":\"say \\\"hi\\\" \\u00e9\\/\"}]}");

            Assert.Equal("say \"hi\" é/", answer.RevisedPrompt);
        }

        [Fact]
        public async Task An_answer_with_only_a_url_has_no_video_bytes_and_its_url()
        {
            var (answer, video) = await Decode("{\"created\":1,\"data\":[{\"b64_json\":null,\"url\":\"https:\\/\\/cdn.a4f.test\\/v.mp4\"}]}");

            Assert.Null(answer.VideoBytes);
            Assert.Equal("https://cdn.a4f.test/v.mp4", answer.Url);
            Assert.Empty(video);
        }

        [Fact]
        public async Task Only_the_first_item_is_the_video()
        {
            var (_, video) = await Decode("{\"data\":[{\"b64_json\":\"AQID\"},{\"b64_json\":\"BAUG\"}]}");

            Assert.Equal(new byte[] { 1, 2, 3 }, video);
        }

        [Fact]
        public async Task An_error_in_a_200_body_is_read_with_its_type()
        {
            var (answer, _) = await Decode("{\"error\":{\"message\":\"Upstream failed\",\"type\":\"provider_error\",\"param\":null,\"code\":null}}");

            Assert.Equal("Upstream failed", answer.ErrorMessage);
            Assert.Equal("provider_error", answer.ErrorType);
            Assert.Null(answer.VideoBytes);
        }

        [Fact]
        public async Task A_body_cut_in_the_middle_of_the_base64_is_an_IOException_that_says_so()
        {
            string json = "{\"created\":1,\"data\":[{\"b64_json\":\"" + Convert.ToBase64String(Video(90_000)) + "\"}]}";

            var ex = await Assert.ThrowsAsync<IOException>(() => Decode(json.Substring(0, json.Length / 2), 4096));

            Assert.Contains("middle of the video", ex.Message);
        }

        [Fact]
        public async Task A_body_cut_after_the_video_is_still_a_cut()
        {
            string json = "{\"created\":1,\"data\":[{\"b64_json\":\"AQID\"}";

            await Assert.ThrowsAsync<IOException>(() => Decode(json));
        }

        [Theory]
        [InlineData("{\"data\":[{\"b64_json\":\"AQ!D\"}]}")]
        [InlineData("<html>Bad gateway</html>")]
        [InlineData("{\"data\":[{\"b64_json\":\"AQID\"}]}}")]
        public async Task Malformed_base64_or_json_is_InvalidDataException(string json)
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => Decode(json));
        }

        [Fact]
        public async Task Cancellation_stops_the_read()
        {
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                A4FAnswerDecoder.DecodeAsync(new Trickle(Encoding.UTF8.GetBytes("{\"data\":[]}"), 3), new MemoryStream(), null, cancel.Token));
        }

        [Fact]
        public async Task A_200_MB_video_is_decoded_with_a_bounded_buffer_whatever_its_size()
        {
            const long videoBytes = 200L * 1024 * 1024;
            var body = new GeneratedAnswer(videoBytes);
            var video = new CountingSink();
            long before = GC.GetAllocatedBytesForCurrentThread();

            A4FAnswer answer = await A4FAnswerDecoder.DecodeAsync(body, video, null, CancellationToken.None);

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(videoBytes, answer.VideoBytes);
            Assert.Equal(videoBytes, video.Length);
            Assert.Equal(body.Checksum, video.Checksum);
            // The answer is 267 MB of base64: what is kept is the read and decode buffers, not the answer.
            Assert.True(allocated < 4L * 1024 * 1024, "allocated " + allocated + " bytes");
        }

        /// <summary>
        /// <c>{"created":1,"data":[{"b64_json":"…"}]}</c> for a video of pseudo-random bytes, made while it is read
        /// (the reads complete synchronously, so the decoder stays on this thread); the checksum is of the video bytes.
        /// </summary>
        private sealed class GeneratedAnswer : Stream
        {
            private static readonly byte[] Head = Encoding.ASCII.GetBytes("{\"created\":1,\"data\":[{\"b64_json\":\"");
            private static readonly byte[] Tail = Encoding.ASCII.GetBytes("\"}]}");
            private readonly byte[] _block = new byte[3 * 16 * 1024];
            private readonly byte[] _encoded = new byte[4 * 16 * 1024];
            private readonly long _videoBytes;
            private long _made;
            private int _part;
            private byte[] _current = Head;
            private int _offset;
            private uint _state = 2463534242;

            public GeneratedAnswer(long videoBytes) => _videoBytes = videoBytes;

            public long Checksum { get; private set; }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                while (_offset == _current.Length || (_part == 1 && _offset == _encodedLength))
                {
                    if (!Next()) return 0;
                }
                int available = (_part == 1 ? _encodedLength : _current.Length) - _offset;
                int n = Math.Min(count, available);
                Buffer.BlockCopy(_current, _offset, buffer, offset, n);
                _offset += n;
                return n;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                => Task.FromResult(Read(buffer, offset, count));

            private int _encodedLength;

            private bool Next()
            {
                if (_part == 2) return false;
                if (_made < _videoBytes)
                {
                    int n = (int)Math.Min(_block.Length, _videoBytes - _made);
                    for (int i = 0; i < n; i++)
                    {
                        _state ^= _state << 13;
                        _state ^= _state >> 17;
                        _state ^= _state << 5;
                        _block[i] = (byte)_state;
                        Checksum = Checksum * 31 + _block[i];
                    }
                    _made += n;
                    _encodedLength = Convert.ToBase64CharArray(_block, 0, n, _chars, 0);
                    for (int i = 0; i < _encodedLength; i++) _encoded[i] = (byte)_chars[i];
                    _current = _encoded;
                    _part = 1;
                    _offset = 0;
                    return true;
                }
                _current = Tail;
                _part = 2;
                _offset = 0;
                return true;
            }

            private readonly char[] _chars = new char[4 * 16 * 1024];

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        /// <summary>A destination that keeps only the length and a checksum of what is written.</summary>
        private sealed class CountingSink : Stream
        {
            private long _length;

            public long Checksum { get; private set; }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => _length;
            public override long Position { get => _length; set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count)
            {
                for (int i = offset; i < offset + count; i++) Checksum = Checksum * 31 + buffer[i];
                _length += count;
            }

            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }

        /// <summary>Gives at most <c>chunk</c> bytes per read, as a network body does.</summary>
        private sealed class Trickle : MemoryStream
        {
            private readonly int _chunk;

            public Trickle(byte[] data, int chunk) : base(data) => _chunk = chunk;

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return base.ReadAsync(buffer, offset, Math.Min(count, _chunk), cancellationToken);
            }
        }
    }
}
