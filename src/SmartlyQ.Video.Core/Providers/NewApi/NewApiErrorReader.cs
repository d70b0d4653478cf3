using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Core.Providers.NanoGPT;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Json;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// new-api's three error envelopes (research-2026-12/new-api-gateway.md §4):
    /// <list type="bullet">
    /// <item>middleware (auth, rate limit, unknown route): <c>{"error":{"message":"… (request id: X)","type":"new_api_error","code":""}}</c>
    /// — the request-id suffix is cut from the message (the id is the <c>X-Oneapi-Request-Id</c> header, else that suffix);
    /// the code is <c>error.code</c>, else <c>error.type</c>;</item>
    /// <item>task relay: <c>{"code":"task_not_exist","message":"…","data":null}</c> — <c>fail_to_fetch_task</c> carries the
    /// upstream's raw body as its message, whose own <c>error.message</c> (or <c>message</c>) is shown when it is JSON;</item>
    /// <item>content proxy: <c>{"error":{"message","type"}}</c> — the code is the type.</item>
    /// </list>
    /// A bare 429 (empty body) is <see cref="ApiErrorKind.RateLimited"/>. The kind follows the HTTP status, refined by
    /// codes: <c>task_not_exist</c> (a 400) → NotFound; <c>invalid_api_key</c> → Unauthorized; <c>insufficient_user_quota</c>
    /// / <c>insufficient_quota</c> → InsufficientBalance; <c>model_not_found</c> → ModelNotAvailable. Text passes through
    /// the credential's redaction.
    /// </summary>
    internal sealed class NewApiErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        /// <summary>The gateway's request id header, on every response (<c>middleware/request-id.go</c>).</summary>
        public const string RequestIdHeader = "X-Oneapi-Request-Id";

        private static readonly Regex RequestIdSuffix = new Regex(@"\s*\(request id: ([0-9A-Za-z_\-]+)\)\s*$", RegexOptions.CultureInvariant);

        private readonly ApiCredential _credential;

        public NewApiErrorReader(ApiCredential credential)
        {
            _credential = credential;
        }

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
                JsonElement? error = LenientJson.Member(root, "error");
                if (error?.ValueKind == JsonValueKind.Object)
                {
                    string? message = LenientJson.String(LenientJson.Member(error, "message"));
                    string? type = LenientJson.String(LenientJson.Member(error, "type"));
                    string? code = LenientJson.String(LenientJson.Member(error, "code")) ?? type;
                    string? suffixId = null;
                    if (message != null)
                    {
                        Match match = RequestIdSuffix.Match(message);
                        if (match.Success)
                        {
                            suffixId = match.Groups[1].Value;
                            message = message.Substring(0, match.Index);
                        }
                    }
                    var details = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (type != null && type != code) details["type"] = _credential.Redact(type);
                    return Create(response, code, message, details, suffixId);
                }

                string? taskCode = LenientJson.String(LenientJson.Member(root, "code"));
                string? taskMessage = LenientJson.String(LenientJson.Member(root, "message"));
                if (taskCode == null && taskMessage == null) return Create(response, null, null, null, null);
                var taskDetails = new Dictionary<string, string>(StringComparer.Ordinal);
                if (taskMessage != null && string.Equals(taskCode, "fail_to_fetch_task", StringComparison.OrdinalIgnoreCase) && UpstreamMessage(taskMessage) is string upstream)
                {
                    taskDetails["upstream"] = _credential.Redact(taskMessage);
                    taskMessage = "The upstream answered: " + upstream;
                }
                return Create(response, taskCode, taskMessage, taskDetails, null);
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
                NewApiProvider.Name,
                response.StatusCode,
                ApiErrorKind.Unknown,
                InvalidResponseCode,
                _credential.Redact("NewApi answered " + response.StatusText + " to " + operation + " but " + problem + "."),
                null,
                RequestId(response));

        /// <summary>The message of an upstream error body (OpenAI's <c>error.message</c>, Kling's <c>message</c>); null when it is not JSON.</summary>
        private static string? UpstreamMessage(string raw)
        {
            try
            {
                using JsonDocument inner = JsonDocument.Parse(raw);
                JsonElement root = inner.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                JsonElement? error = LenientJson.Member(root, "error");
                return LenientJson.String(LenientJson.Member(error, "message")) ?? LenientJson.String(error) ?? LenientJson.String(LenientJson.Member(root, "message"));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private VideoApiException NotJson(TransportResponse response)
            => Create(response, null,
                "NewApi answered " + response.StatusText + " with a body that is not its JSON error (" + (response.MediaType ?? "no content type") + "), probably from a proxy in front of the gateway.",
                null, null);

        private VideoApiException Create(TransportResponse response, string? code, string? message, IReadOnlyDictionary<string, string>? details, string? suffixId)
        {
            int status = response.StatusCode;
            ApiErrorKind kind = Kind(status, code);
            if (string.IsNullOrWhiteSpace(message))
                message = status == 429 ? "The gateway's rate limit was hit (429 with no body)."
                    : string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + status : response.ReasonPhrase;
            return new VideoApiException(
                NewApiProvider.Name,
                status,
                kind,
                code,
                _credential.Redact(message!.Trim()),
                details != null && details.Count > 0 ? details : null,
                RequestId(response) ?? suffixId,
                response.RetryAfter)
            {
                Advice = AdviceFor(kind),
            };
        }

        /// <summary>The neutral kind: the codes first, then the HTTP status.</summary>
        internal static ApiErrorKind Kind(int status, string? code)
        {
            switch ((code ?? "").Trim().ToLowerInvariant())
            {
                case "task_not_exist":
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

        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider NewApi -BaseUri https://your-gateway/v1 with a valid token from the gateway's dashboard.";
                case ApiErrorKind.InsufficientBalance: return "Top up the token's or the user's quota on the gateway, then run the rows again.";
                default: return null;
            }
        }
    }
}
