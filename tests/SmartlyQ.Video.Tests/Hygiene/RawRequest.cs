using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// One HTTP/1.1 request exactly as its bytes arrived on the socket: the head (request line and header lines,
    /// split only at CRLF) and the body. Nothing is normalised, so a smuggled line shows as a header of its own.
    /// </summary>
    public sealed class RawRequest
    {
        public RawRequest(byte[] head, byte[] body)
        {
            HeadBytes = head;
            Body = body;
            // Latin-1 maps every byte to one char: what the bytes were stays visible.
            Head = Encoding.Latin1.GetString(head);
            string[] lines = Head.Split("\r\n");
            RequestLine = lines[0];
            Headers = lines.Skip(1)
                .Where(l => l.Length > 0)
                .Select(l =>
                {
                    int colon = l.IndexOf(':');
                    return colon < 0 ? (Name: l, Value: "") : (Name: l.Substring(0, colon), Value: l.Substring(colon + 1).Trim(' ', '\t'));
                })
                .ToArray();
        }

        /// <summary>Everything before the blank line, the final CRLF of the last header included.</summary>
        public byte[] HeadBytes { get; }

        public string Head { get; }

        public byte[] Body { get; }

        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>E.g. <c>POST /v1/videos/generate HTTP/1.1</c>.</summary>
        public string RequestLine { get; }

        public string Method => RequestLine.Split(' ')[0];

        /// <summary>The request target, e.g. <c>/v1/jobs/job_000000000001</c>.</summary>
        public string Target => RequestLine.Split(' ').Length == 3 ? RequestLine.Split(' ')[1] : "";

        /// <summary>Every header line as sent (a line without ':' is a "header" whose name is the whole line).</summary>
        public IReadOnlyList<(string Name, string Value)> Headers { get; }

        /// <summary>A CR not followed by LF, or an LF not preceded by CR, anywhere in the head: a line break that HTTP/1.1 servers disagree about.</summary>
        public bool HasBareLineBreak
        {
            get
            {
                for (int i = 0; i < HeadBytes.Length; i++)
                {
                    if (HeadBytes[i] == '\r' && (i + 1 >= HeadBytes.Length || HeadBytes[i + 1] != '\n')) return true;
                    if (HeadBytes[i] == '\n' && (i == 0 || HeadBytes[i - 1] != '\r')) return true;
                }

                return false;
            }
        }

        /// <summary>Bytes below 0x20 (other than the CRLF line ends) or 0x7F in the head.</summary>
        public bool HasControlBytesInHead
            => Head.Replace("\r\n", "").Any(c => c < 0x20 || c == 0x7F);

        public string? Header(string name)
            => Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        public override string ToString() => RequestLine;
    }
}
