using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>What one attempt put on the wire, copied before the client disposes the request.</summary>
    internal sealed class RecordedRequest
    {
        public RecordedRequest(HttpMethod method, Uri uri, IDictionary<string, string> headers, string? body)
        {
            Method = method;
            Uri = uri;
            Headers = headers;
            Body = body;
        }

        public HttpMethod Method { get; }

        public Uri Uri { get; }

        /// <summary>Request and content headers, names case-insensitive, values joined with ", ".</summary>
        public IDictionary<string, string> Headers { get; }

        public string? Body { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

        public static RecordedRequest From(HttpRequestMessage request, string? body)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers) headers[header.Key] = string.Join(", ", header.Value);
            if (request.Content != null)
                foreach (var header in request.Content.Headers) headers[header.Key] = string.Join(", ", header.Value);
            return new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        }

        public override string ToString() => Method + " " + Uri + " [" + string.Join("; ", Headers.Select(h => h.Key)) + "]";
    }
}
