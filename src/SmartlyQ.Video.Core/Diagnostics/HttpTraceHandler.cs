using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Diagnostics
{
    /// <summary>
    /// The HTTP trace of a client: one line per request to <c>trace</c> (-Verbose), e.g.
    /// <c>HTTP GET /v1/jobs/job_a1b2: 200 OK in 35 ms (request id req_9f; attempt 2, retried after 503 ServiceUnavailable)</c>,
    /// and the request's and response's headers to <c>debug</c> (-Debug), one line each. A request to the API's origin
    /// shows its path; one to another host (a CDN) its scheme, host and path. Query strings are never shown (signed URLs
    /// carry tokens there); <c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c> and <c>Set-Cookie</c>
    /// values are replaced by <c>[redacted]</c> (keeping the scheme, e.g. <c>Bearer [redacted]</c>). The writers it is
    /// given also remove the key itself, wherever it appears. Milliseconds count until the response headers arrived.
    /// </summary>
    internal sealed class HttpTraceHandler : DelegatingHandler
    {
        private const string Redacted = "[redacted]";
        private static readonly HashSet<string> SecretHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
        };

        private static readonly AsyncLocal<Attempt?> CurrentAttempt = new AsyncLocal<Attempt?>();

        private readonly Uri _apiRoot;
        private readonly Action<string>? _trace;
        private readonly Action<string>? _debug;
        private readonly string? _credentialHeader;

        /// <summary>
        /// Traces requests through <paramref name="inner"/>; <paramref name="apiRoot"/> decides which requests show only
        /// their path; <paramref name="credentialHeader"/> (e.g. <c>x-api-key</c>; null for Bearer) is redacted like
        /// <c>Authorization</c>.
        /// </summary>
        public HttpTraceHandler(HttpMessageHandler inner, Uri apiRoot, Action<string>? trace, Action<string>? debug, string? credentialHeader = null)
            : base(inner)
        {
            _apiRoot = apiRoot;
            _trace = trace;
            _debug = debug;
            _credentialHeader = credentialHeader;
        }

        /// <summary>
        /// Called by the retry pipeline before each attempt, in that attempt's async flow: its number and, from the
        /// second on, what the previous attempt failed with (e.g. <c>503 ServiceUnavailable</c>).
        /// </summary>
        public static void SetAttempt(int number, string? retryReason) => CurrentAttempt.Value = new Attempt(number, retryReason);

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string what = "HTTP " + request.Method.Method + " " + Target(request.RequestUri);
            string retry = RetryText(CurrentAttempt.Value);
            _debug?.Invoke(what + " request headers: " + Headers(request.Headers, request.Content?.Headers));
            long started = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                string why = ex is OperationCanceledException ? "no answer (timed out or stopped)" : "failed: " + ex.GetType().Name + ": " + ex.Message;
                _trace?.Invoke(what + ": " + why + " after " + Milliseconds(started) + " ms" + (retry.Length > 0 ? " (" + retry + ")" : ""));
                throw;
            }

            string status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + (response.ReasonPhrase ?? response.StatusCode.ToString());
            var notes = new List<string>();
            if (Header(response, "X-Request-Id") is string requestId) notes.Add("request id " + requestId);
            if (retry.Length > 0) notes.Add(retry);
            _trace?.Invoke(what + ": " + status + " in " + Milliseconds(started) + " ms" + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : ""));
            _debug?.Invoke(what + " response headers: " + status + "; " + Headers(response.Headers, response.Content?.Headers));
            return response;
        }

        /// <summary>"/v1/jobs/job_x" for the API's origin, "https://cdn.example.com/v/job_x.mp4" elsewhere; never the query.</summary>
        private string Target(Uri? uri)
        {
            if (uri == null) return "(no URI)";
            if (!uri.IsAbsoluteUri) return uri.OriginalString.Split('?', '#')[0];
            return ApiUris.SameOrigin(uri, _apiRoot) ? uri.AbsolutePath : ApiUris.WithoutQuery(uri);
        }

        private static string RetryText(Attempt? attempt)
        {
            if (attempt == null || attempt.Number <= 1) return "";
            return "attempt " + attempt.Number.ToString(CultureInfo.InvariantCulture) + (attempt.RetryReason != null ? ", retried after " + attempt.RetryReason : ", a retry");
        }

        private string Headers(HttpHeaders headers, HttpHeaders? contentHeaders)
        {
            IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = headers;
            if (contentHeaders != null) all = all.Concat(contentHeaders);
            var text = new StringBuilder();
            foreach (KeyValuePair<string, IEnumerable<string>> header in all)
            {
                if (text.Length > 0) text.Append("; ");
                text.Append(header.Key).Append(": ");
                string value = string.Join(", ", header.Value);
                text.Append(IsSecret(header.Key) ? RedactedValue(header.Key, value) : value);
            }

            return text.Length == 0 ? "(none)" : text.ToString();
        }

        private bool IsSecret(string name)
            => SecretHeaders.Contains(name) || _credentialHeader != null && string.Equals(name, _credentialHeader, StringComparison.OrdinalIgnoreCase);

        /// <summary>"Bearer [redacted]" for an Authorization header: the scheme helps, the credential never shows.</summary>
        private static string RedactedValue(string name, string value)
        {
            if (name.IndexOf("Authorization", StringComparison.OrdinalIgnoreCase) < 0) return Redacted;
            int space = value.IndexOf(' ');
            return space > 0 ? value.Substring(0, space) + " " + Redacted : Redacted;
        }

        private static string? Header(HttpResponseMessage response, string name)
            => response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

        private static string Milliseconds(long started)
            => ((Stopwatch.GetTimestamp() - started) * 1000 / Stopwatch.Frequency).ToString(CultureInfo.InvariantCulture);

        private sealed class Attempt
        {
            public Attempt(int number, string? retryReason)
            {
                Number = number;
                RetryReason = retryReason;
            }

            public int Number { get; }

            public string? RetryReason { get; }
        }
    }
}
