using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// One API call for <see cref="HttpTransport.SendAsync"/>: method, path relative to the base URI, query pairs
    /// (escaped by the transport), extra headers, a body built fresh per attempt, its pacing class and when it may be
    /// replayed. Header names and values are checked here, so a CR/LF cannot add header lines.
    /// </summary>
    internal sealed class TransportRequest
    {
        private static readonly KeyValuePair<string, string>[] None = new KeyValuePair<string, string>[0];

        /// <summary>
        /// Creates a request. Throws <see cref="ArgumentException"/> naming the header when a header name is not an
        /// HTTP token or a value holds a control character or line break.
        /// </summary>
        public TransportRequest(
            HttpMethod method,
            string path,
            RequestPriority priority,
            ReplayRule replay,
            IReadOnlyList<KeyValuePair<string, string>>? query = null,
            IReadOnlyList<KeyValuePair<string, string>>? headers = null,
            TransportBody? body = null)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = (path ?? throw new ArgumentNullException(nameof(path))).TrimStart('/');
            Priority = priority;
            Replay = replay;
            Query = query ?? None;
            Headers = headers ?? None;
            Body = body;
            foreach (KeyValuePair<string, string> header in Headers) CheckHeader(header.Key, header.Value);
        }

        /// <summary>GET, POST, DELETE, …</summary>
        public HttpMethod Method { get; }

        /// <summary>Path below the base URI without leading '/', its segments already escaped, e.g. <c>videos/video_1/content</c>.</summary>
        public string Path { get; }

        /// <summary>Query pairs in order; names and values are escaped by the transport.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

        /// <summary>Headers beside the credential and <c>Accept</c>, e.g. an idempotency key.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        /// <summary>The body, or null.</summary>
        public TransportBody? Body { get; }

        /// <summary>Which requests the pacer serves first.</summary>
        public RequestPriority Priority { get; }

        /// <summary>When a failed attempt may be sent again.</summary>
        public ReplayRule Replay { get; }

        /// <summary>"POST /videos/generate": method and path without query, for log lines and messages.</summary>
        public string Operation => Method.Method + " /" + Path;

        /// <summary>The absolute URI below <paramref name="root"/> (a base with one trailing '/').</summary>
        public Uri Resolve(Uri root)
        {
            string query = Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return ApiUris.Combine(root, Path + query);
        }

        private static void CheckHeader(string name, string value)
        {
            if (string.IsNullOrEmpty(name) || name.Any(c => c <= ' ' || c >= '\u007F' || "()<>@,;:\\\"/[]?={}".IndexOf(c) >= 0))
                throw new ArgumentException("Header name '" + UnsafeCharacters.Show(name) + "' is not an HTTP token.", name ?? "header");
            if (value == null || UnsafeCharacters.IndexOf(value) >= 0)
                throw new ArgumentException("Header " + name + " holds a control character or line break.", name);
        }
    }
}
