using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Core.Json;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// new-api's error envelopes, for every provider reached through its routes (research-2026-12/new-api-gateway.md §4):
    /// <list type="bullet">
    /// <item>middleware (auth, rate limit, converters, unknown route) and content proxy:
    /// <c>{"error":{"message":"… (request id: X)","type","code"}}</c> — the request-id suffix is cut from the message;
    /// the code is <c>error.code</c>, else <c>error.type</c>;</item>
    /// <item>task relay: <c>{"code":"task_not_exist","message":"…","data":null}</c> — <c>fail_to_fetch_task</c> carries the
    /// upstream's raw body as its message, whose own message is shown when it is JSON (the raw body stays in the
    /// <c>upstream</c> detail).</item>
    /// </list>
    /// A bare 429 (empty body) is <see cref="ApiErrorKind.RateLimited"/>; a body that is not JSON is a proxy's. The kind
    /// follows the HTTP status, refined by <see cref="Kind"/>. The request id is <c>X-Oneapi-Request-Id</c>, else the
    /// body's. Text passes through the credential's redaction. A provider adds its own envelopes by overriding
    /// <see cref="FromEnvelope"/>.
    /// </summary>
    internal abstract class GatewayErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        /// <summary>The gateway's request id header, on every response (<c>middleware/request-id.go</c>).</summary>
        public const string RequestIdHeader = "X-Oneapi-Request-Id";

        private static readonly Regex RequestIdSuffix = new Regex(@"\s*\(request id: ([0-9A-Za-z_\-]+)\)\s*$", RegexOptions.CultureInvariant);

        private readonly string _provider;

        protected GatewayErrorReader(string provider, ApiCredential credential)
        {
            _provider = provider;
            Credential = credential;
        }

        /// <summary>Redacts the key from every text the server sends back.</summary>
        protected ApiCredential Credential { get; }

        /// <inheritdoc />
        public VideoApiException Read(TransportResponse response, string operation)
        {
            ReadOnlySpan<byte> body = response.TrimmedBody();
            if (body.Length == 0) return Create(response, null, null, null, null);
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.ToArray());
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return NotJson(response);
                return FromEnvelope(response, root);
            }
            catch (JsonException)
            {
                return NotJson(response);
            }
        }

        /// <summary><c>X-Oneapi-Request-Id</c>.</summary>
        public string? RequestId(TransportResponse response) => response.Header(RequestIdHeader);

        /// <summary>A 2xx answer the client cannot read (no inner exception: a parser's message could quote the key).</summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(
                _provider,
                response.StatusCode,
                ApiErrorKind.Unknown,
                InvalidResponseCode,
                Credential.Redact(_provider + " answered " + response.StatusText + " to " + operation + " but " + problem + "."),
                null,
                RequestId(response));

        /// <summary>The exception for the JSON error object <paramref name="root"/>: the middleware envelope, else the task envelope.</summary>
        internal virtual VideoApiException FromEnvelope(TransportResponse response, JsonElement root)
            => FromMiddleware(response, root) ?? FromTask(response, LenientJson.String(LenientJson.Member(root, "code")), LenientJson.String(LenientJson.Member(root, "message")), null);

        /// <summary>The middleware's or proxy's <c>{"error":{…}}</c>; null when <paramref name="root"/> has no error object.</summary>
        protected VideoApiException? FromMiddleware(TransportResponse response, JsonElement root)
        {
            JsonElement? error = LenientJson.Member(root, "error");
            if (error?.ValueKind != JsonValueKind.Object) return null;
            string? message = LenientJson.String(LenientJson.Member(error, "message"));
            string? type = LenientJson.String(LenientJson.Member(error, "type"));
            string? code = LenientJson.String(LenientJson.Member(error, "code")) ?? type;
            string? suffixId = null;
            if (message != null && RequestIdSuffix.Match(message) is Match match && match.Success)
            {
                suffixId = match.Groups[1].Value;
                message = message.Substring(0, match.Index);
            }
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (type != null && type != code) details["type"] = Credential.Redact(type);
            return Create(response, code, message, details, suffixId);
        }

        /// <summary>The task relay's <c>{"code","message","data":null}</c>, unwrapping <c>fail_to_fetch_task</c>'s upstream body.</summary>
        protected VideoApiException FromTask(TransportResponse response, string? code, string? message, string? bodyId)
        {
            if (code == null && message == null) return Create(response, null, null, null, bodyId);
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (message != null && string.Equals(code, "fail_to_fetch_task", StringComparison.OrdinalIgnoreCase) && UpstreamMessage(message) is string upstream)
            {
                details["upstream"] = Credential.Redact(message);
                message = "The upstream answered: " + upstream;
            }
            return Create(response, code, message, details, bodyId);
        }

        /// <summary>The one exception: the kind from status and code, the message redacted, the header's request id before the body's.</summary>
        protected VideoApiException Create(TransportResponse response, string? code, string? message, IReadOnlyDictionary<string, string>? details, string? bodyId)
        {
            int status = response.StatusCode;
            ApiErrorKind kind = Kind(status, code);
            if (string.IsNullOrWhiteSpace(message))
                message = status == 429 ? "The gateway's rate limit was hit (429 with no body)."
                    : string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + status : response.ReasonPhrase;
            return new VideoApiException(
                _provider,
                status,
                kind,
                code,
                Credential.Redact(message!.Trim()),
                details != null && details.Count > 0 ? details : null,
                RequestId(response) ?? bodyId,
                response.RetryAfter)
            {
                Advice = AdviceFor(kind),
            };
        }

        /// <summary>What the user can do about an error of <paramref name="kind"/>; null when nothing specific.</summary>
        protected abstract string? AdviceFor(ApiErrorKind kind);

        /// <summary>
        /// The neutral kind: the codes first (<c>task_not_exist</c> and Volcengine's <c>not_found</c> → NotFound;
        /// <c>invalid_api_key</c> → Unauthorized; <c>insufficient_user_quota</c>/<c>insufficient_quota</c> →
        /// InsufficientBalance; <c>model_not_found</c> → ModelNotAvailable), then the HTTP status.
        /// </summary>
        internal static ApiErrorKind Kind(int status, string? code)
        {
            switch ((code ?? "").Trim().ToLowerInvariant())
            {
                case "task_not_exist":
                case "not_found":
                    return ApiErrorKind.NotFound;
                case "invalid_api_key":
                    return ApiErrorKind.Unauthorized;
                case "insufficient_user_quota":
                case "insufficient_quota":
                    return ApiErrorKind.InsufficientBalance;
                case "model_not_found":
                    return ApiErrorKind.ModelNotAvailable;
            }
            return ApiErrorKinds.FromStatus(status);
        }

        /// <summary>
        /// The message of an upstream error body (OpenAI's <c>error.message</c>, Kling's or Volcengine's <c>message</c>,
        /// Volcengine's <c>ResponseMetadata.Error.Message</c>); null when it is not JSON.
        /// </summary>
        private static string? UpstreamMessage(string raw)
        {
            try
            {
                using JsonDocument inner = JsonDocument.Parse(raw);
                JsonElement root = inner.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                JsonElement? error = LenientJson.Member(root, "error");
                return LenientJson.String(LenientJson.Member(error, "message")) ?? LenientJson.String(error)
                    ?? LenientJson.String(LenientJson.Member(LenientJson.Member(LenientJson.Member(root, "ResponseMetadata"), "Error"), "Message"))
                    ?? LenientJson.String(LenientJson.Member(root, "message"));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private VideoApiException NotJson(TransportResponse response)
            => Create(response, null,
                _provider + " answered " + response.StatusText + " with a body that is not its JSON error (" + (response.MediaType ?? "no content type") + "), probably from a proxy in front of the gateway.",
                null, null);
    }
}
