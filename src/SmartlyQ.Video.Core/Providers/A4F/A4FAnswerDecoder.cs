using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// Reads the answer of A4F's synchronous <c>POST /v1/video/generations</c> as a stream, in one pass with a fixed
    /// buffer: the characters of <c>data[0].b64_json</c> go straight through a base64 decoder into the destination,
    /// so neither the answer nor the video is ever held in memory (a 200 MB video costs the same few hundred KB as a
    /// small one). Every other string is kept only up to <see cref="MaxTextBytes"/> (longer ones are skipped), and the
    /// JSON structure is followed just enough to know where each value sits. JSON escapes inside the base64
    /// (<c>\/</c>, <c>\u002F</c>) are undone; whitespace in it is ignored.
    /// <para>
    /// Throws <see cref="IOException"/> when the body ends before its JSON is complete (a cut connection: whatever was
    /// written to the destination is a truncated video) and <see cref="InvalidDataException"/> when it is not JSON or
    /// the base64 is malformed. Reads with the caller's token (<see cref="OperationCanceledException"/>).
    /// </para>
    /// </summary>
    internal static class A4FAnswerDecoder
    {
        /// <summary>Bytes per read of the answer.</summary>
        public const int ReadBufferSize = 64 * 1024;

        /// <summary>Longest string value (other than the video) that is kept.</summary>
        public const int MaxTextBytes = 64 * 1024;

        /// <summary>Decodes <paramref name="body"/>; the video bytes go to <paramref name="video"/>, which is flushed, not closed.</summary>
        public static async Task<A4FAnswer> DecodeAsync(Stream body, Stream video, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            var state = new Scanner(video, progress);
            var buffer = new byte[ReadBufferSize];
            while (true)
            {
                int read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                state.Feed(buffer, read);
            }
            return state.Finish();
        }

        private sealed class Frame
        {
            public bool IsObject;
            public bool ExpectKey;
            public string? Key;
            public int Index;
        }

        private enum Mode { Between, Key, Text, Video, Literal }

        private sealed class Scanner
        {
            private readonly Stream _video;
            private readonly IProgress<long>? _progress;
            private readonly List<Frame> _stack = new List<Frame>();
            private readonly List<byte> _text = new List<byte>();
            // Base64 characters not decoded yet, and the bytes they decode to (System.Buffers.Text: block-wise, unlike
            // CryptoStream with FromBase64Transform, which takes one character per call).
            private readonly byte[] _pending = new byte[ReadBufferSize];
            private readonly byte[] _decoded = new byte[ReadBufferSize / 4 * 3];
            private readonly A4FAnswer _answer = new A4FAnswer();
            private int _pendingCount;
            private Mode _mode = Mode.Between;
            private bool _escape;
            private int _unicodeDigits = -1;
            private int _unicode;
            private bool _overflow;
            private bool _rootDone;
            private bool _started;
            private long _base64Chars;

            public Scanner(Stream video, IProgress<long>? progress)
            {
                _video = video;
                _progress = progress;
            }

            public void Feed(byte[] buffer, int count)
            {
                int i = 0;
                while (i < count)
                {
                    if (_mode == Mode.Video && !_escape && _unicodeDigits < 0)
                    {
                        // Fast path: the run up to the next quote or backslash is base64 as is.
                        int stop = new ReadOnlySpan<byte>(buffer, i, count - i).IndexOfAny((byte)'"', (byte)'\\');
                        int end = stop < 0 ? count : i + stop;
                        if (end > i) VideoBytes(buffer, i, end - i);
                        i = end;
                        if (i >= count) break;
                    }
                    Step(buffer[i]);
                    i++;
                }
            }

            public A4FAnswer Finish()
            {
                if (!_started || !_rootDone || _mode != Mode.Between)
                {
                    string where = _mode == Mode.Video
                        ? " in the middle of the video's base64 (" + _base64Chars.ToString(CultureInfo.InvariantCulture) + " characters in)"
                        : "";
                    throw new IOException("The answer ended before its JSON was complete" + where + ": the connection was cut.");
                }
                return _answer;
            }

            private void Step(byte b)
            {
                switch (_mode)
                {
                    case Mode.Key:
                    case Mode.Text:
                    case Mode.Video:
                        InString(b);
                        return;
                    case Mode.Literal:
                        if (b == (byte)',' || b == (byte)'}' || b == (byte)']' || IsSpace(b))
                        {
                            EndLiteral();
                            _mode = Mode.Between;
                            Between(b);
                        }
                        else Keep(b);
                        return;
                    default:
                        Between(b);
                        return;
                }
            }

            private void Between(byte b)
            {
                if (IsSpace(b)) return;
                if (_rootDone) throw Bad("it has more after its end");
                Frame? top = _stack.Count == 0 ? null : _stack[_stack.Count - 1];
                switch (b)
                {
                    case (byte)'{':
                        _started = true;
                        _stack.Add(new Frame { IsObject = true, ExpectKey = true });
                        return;
                    case (byte)'[':
                        _started = true;
                        _stack.Add(new Frame());
                        return;
                    case (byte)'}':
                    case (byte)']':
                        if (top == null || top.IsObject != (b == (byte)'}')) throw Bad("its brackets do not match");
                        _stack.RemoveAt(_stack.Count - 1);
                        if (_stack.Count == 0) _rootDone = true;
                        return;
                    case (byte)',':
                        if (top == null) throw Bad("a comma stands outside any object or array");
                        if (top.IsObject) top.ExpectKey = true;
                        else top.Index++;
                        return;
                    case (byte)':':
                        if (top == null || !top.IsObject) throw Bad("a colon stands outside an object");
                        top.ExpectKey = false;
                        return;
                    case (byte)'"':
                        _started = true;
                        _text.Clear();
                        _overflow = false;
                        if (top != null && top.IsObject && top.ExpectKey) _mode = Mode.Key;
                        else if (IsPath("b64_json")) BeginVideo();
                        else _mode = Mode.Text;
                        return;
                    default:
                        if (top == null) throw Bad("it is not a JSON object");
                        _text.Clear();
                        _overflow = false;
                        _mode = Mode.Literal;
                        Keep(b);
                        return;
                }
            }

            private void InString(byte b)
            {
                if (_unicodeDigits >= 0)
                {
                    int digit = Hex(b);
                    if (digit < 0) throw Bad("a \\u escape is malformed");
                    _unicode = _unicode * 16 + digit;
                    if (++_unicodeDigits == 4)
                    {
                        _unicodeDigits = -1;
                        Unescaped(_unicode);
                    }
                    return;
                }
                if (_escape)
                {
                    _escape = false;
                    switch (b)
                    {
                        case (byte)'u': _unicodeDigits = 0; _unicode = 0; return;
                        case (byte)'n': Unescaped('\n'); return;
                        case (byte)'r': Unescaped('\r'); return;
                        case (byte)'t': Unescaped('\t'); return;
                        case (byte)'b': Unescaped('\b'); return;
                        case (byte)'f': Unescaped('\f'); return;
                        case (byte)'"':
                        case (byte)'\\':
                        case (byte)'/': Unescaped(b); return;
                        default: throw Bad("a string holds an unknown escape");
                    }
                }
                if (b == (byte)'\\')
                {
                    _escape = true;
                    return;
                }
                if (b == (byte)'"')
                {
                    EndString();
                    return;
                }
                if (_mode == Mode.Video) VideoByte(b);
                else Keep(b);
            }

            private void Unescaped(int c)
            {
                if (_mode == Mode.Video)
                {
                    if (c < 0x80) VideoByte((byte)c);
                    else throw Bad("the video's base64 holds a character that is not base64");
                    return;
                }
                foreach (byte b in Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c))) Keep(b);
            }

            private void Keep(byte b)
            {
                if (_text.Count >= MaxTextBytes) _overflow = true;
                else _text.Add(b);
            }

            private void EndString()
            {
                Mode mode = _mode;
                _mode = Mode.Between;
                Frame? top = _stack.Count == 0 ? null : _stack[_stack.Count - 1];
                if (mode == Mode.Video)
                {
                    EndVideo();
                    return;
                }
                string? text = _overflow ? null : Encoding.UTF8.GetString(_text.ToArray());
                if (mode == Mode.Key)
                {
                    top!.Key = text;
                    return;
                }
                if (top == null)
                {
                    _rootDone = true;
                    throw Bad("it is not a JSON object");
                }
                if (IsPath("url")) _answer.Url = text;
                else if (IsPath("revised_prompt")) _answer.RevisedPrompt = text;
                else if (_stack.Count == 1 && top.Key == "error") _answer.ErrorMessage = text;
                else if (IsError("message")) _answer.ErrorMessage = text;
                else if (IsError("type")) _answer.ErrorType = text;
                else if (IsError("code")) _answer.ErrorType ??= text;
            }

            private void EndLiteral()
            {
                string text = Encoding.ASCII.GetString(_text.ToArray());
                if (_stack.Count == 1 && _stack[0].Key == "created"
                    && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long created)) _answer.Created = created;
                if (IsError("code") && text != "null") _answer.ErrorType ??= text;
            }

            private void BeginVideo()
            {
                _mode = Mode.Video;
                _base64Chars = 0;
                _pendingCount = 0;
                _answer.VideoBytes = 0;
            }

            private void VideoByte(byte b)
            {
                _base64Chars++;
                if (IsSpace(b)) return;
                _pending[_pendingCount++] = b;
                if (_pendingCount == _pending.Length) Decode(final: false);
            }

            private void VideoBytes(byte[] buffer, int offset, int count)
            {
                _base64Chars += count;
                while (count > 0)
                {
                    // Runs between whitespace are copied whole; the whitespace itself is dropped.
                    int space = new ReadOnlySpan<byte>(buffer, offset, count).IndexOfAny(Whitespace);
                    int run = space < 0 ? count : space;
                    while (run > 0)
                    {
                        int n = Math.Min(run, _pending.Length - _pendingCount);
                        Buffer.BlockCopy(buffer, offset, _pending, _pendingCount, n);
                        _pendingCount += n;
                        offset += n;
                        count -= n;
                        run -= n;
                        if (_pendingCount == _pending.Length) Decode(final: false);
                    }
                    if (space >= 0)
                    {
                        offset++;
                        count--;
                    }
                }
            }

            /// <summary>
            /// Decodes the pending characters: all of them at the end of the string, else whole quads but the last one
            /// (which may carry the padding, valid only in the final block).
            /// </summary>
            private void Decode(bool final)
            {
                int usable = final ? _pendingCount : (_pendingCount - 1) / 4 * 4;
                if (usable <= 0 && !final) return;
                OperationStatus status = Base64.DecodeFromUtf8(new ReadOnlySpan<byte>(_pending, 0, usable), _decoded, out int consumed, out int written, isFinalBlock: final);
                if (status == OperationStatus.InvalidData || final && status != OperationStatus.Done)
                    throw new InvalidDataException("The video's base64 in the answer is malformed (near character "
                        + (_base64Chars - _pendingCount + consumed).ToString(CultureInfo.InvariantCulture) + ").");
                if (written > 0)
                {
                    _video.Write(_decoded, 0, written);
                    _answer.VideoBytes += written;
                    _progress?.Report(_answer.VideoBytes!.Value);
                }
                int rest = _pendingCount - consumed;
                if (rest > 0) Buffer.BlockCopy(_pending, consumed, _pending, 0, rest);
                _pendingCount = rest;
            }

            private void EndVideo()
            {
                Decode(final: true);
                _video.Flush();
            }

            /// <summary>True inside <c>data[0].&lt;name&gt;</c>.</summary>
            private bool IsPath(string name)
                => _stack.Count == 3 && _stack[0].IsObject && _stack[0].Key == "data" && !_stack[1].IsObject && _stack[1].Index == 0
                   && _stack[2].IsObject && _stack[2].Key == name;

            private bool IsError(string name)
                => _stack.Count == 2 && _stack[0].IsObject && _stack[0].Key == "error" && _stack[1].IsObject && _stack[1].Key == name;

            private static ReadOnlySpan<byte> Whitespace => new byte[] { (byte)' ', (byte)'\n', (byte)'\r', (byte)'\t' };

            private static bool IsSpace(byte b) => b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t';

            private static int Hex(byte b)
                => b >= (byte)'0' && b <= (byte)'9' ? b - '0' : b >= (byte)'a' && b <= (byte)'f' ? b - 'a' + 10 : b >= (byte)'A' && b <= (byte)'F' ? b - 'A' + 10 : -1;

            private static InvalidDataException Bad(string why) => new InvalidDataException("The answer is not the documented JSON: " + why + ".");
        }
    }
}
