using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// An answer of <see cref="HttpTransport.SendAsync"/> (or an error answer handed to an <see cref="IResponseErrorReader"/>):
    /// status, every header (response and content, names case-insensitive), the whole body, and what the transport read
    /// from it: <c>Retry-After</c> and the request id.
    /// </summary>
    internal sealed class TransportResponse
    {
        private readonly Dictionary<string, string[]> _headers;

        public TransportResponse(int statusCode, string? reasonPhrase, Dictionary<string, string[]> headers, byte[] body, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            _headers = headers ?? throw new ArgumentNullException(nameof(headers));
            Body = body ?? new byte[0];
            RetryAfter = retryAfter;
        }

        /// <summary>HTTP status, e.g. 200.</summary>
        public int StatusCode { get; }

        /// <summary>The reason phrase, when sent.</summary>
        public string? ReasonPhrase { get; }

        /// <summary>The whole body as received.</summary>
        public byte[] Body { get; }

        /// <summary><c>Retry-After</c> (delta seconds or a date, never negative), when sent.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The request id the provider's reader found (e.g. <c>x-request-id</c>), set by the transport.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>True for 2xx.</summary>
        public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;

        /// <summary>The media type of the body, e.g. <c>application/json</c>; null when not said.</summary>
        public string? MediaType
        {
            get
            {
                string? type = Header("Content-Type");
                if (type == null) return null;
                int semicolon = type.IndexOf(';');
                return (semicolon >= 0 ? type.Substring(0, semicolon) : type).Trim();
            }
        }

        /// <summary>"404 Not Found", "503".</summary>
        public string StatusText => StatusCode + (string.IsNullOrWhiteSpace(ReasonPhrase) ? "" : " " + ReasonPhrase);

        /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
        public string? Header(string name) => _headers.TryGetValue(name, out string[]? values) && values.Length > 0 ? values[0] : null;

        /// <summary>The body as UTF-8 text (without a byte order mark).</summary>
        public string Text()
        {
            int start = Body.Length >= 3 && Body[0] == 0xEF && Body[1] == 0xBB && Body[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(Body, start, Body.Length - start);
        }

        /// <summary>The body from its first non-blank byte, byte order mark removed: where a JSON parser should start.</summary>
        public ReadOnlySpan<byte> TrimmedBody()
        {
            ReadOnlySpan<byte> span = Body;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
            int start = 0;
            while (start < span.Length && (span[start] == ' ' || span[start] == '\t' || span[start] == '\r' || span[start] == '\n')) start++;
            return span.Slice(start);
        }

        /// <summary>Buffers an answer the transport received (headers copied, body read).</summary>
        internal static TransportResponse From(HttpResponseMessage response, byte[] body, TimeSpan? retryAfter)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers) headers[header.Key] = header.Value.ToArray();
            if (response.Content != null)
                foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers) headers[header.Key] = header.Value.ToArray();
            return new TransportResponse((int)response.StatusCode, response.ReasonPhrase, headers, body, retryAfter);
        }
    }
}
