using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Core.Json;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// Every error body of the Jimeng route as one <see cref="VideoApiException"/> with the provider's code and message:
    /// <list type="bullet">
    /// <item>new-api's middleware and proxy envelope <c>{"error":{"message":"… (request id: X)","type","code"}}</c> (the
    /// converter's "Action query parameter is required", auth, limits, unknown routes): code = <c>error.code</c>, else
    /// <c>error.type</c>; the request-id suffix is cut;</item>
    /// <item>new-api's task envelope <c>{"code":"&lt;string&gt;","message","data":null}</c>: <c>task_not_exist</c>, a submit's
    /// upstream refusal (a 500 whose code is Volcengine's numeric code as text), <c>fail_to_fetch_task</c> (its message is
    /// the raw upstream body, whose own message is shown when it is JSON);</item>
    /// <item>Volcengine's envelope <c>{"code":&lt;number&gt;,"message","request_id"}</c> (10000 is success) and its gateway
    /// failures <c>{"ResponseMetadata":{"RequestId","Error":{"CodeN","Code","Message"}}}</c>.</item>
    /// </list>
    /// A bare 429 (empty body) is <see cref="ApiErrorKind.RateLimited"/>. The kind follows the HTTP status, refined by
    /// codes: <c>task_not_exist</c> and <c>not_found</c> → NotFound; <c>invalid_api_key</c> → Unauthorized;
    /// <c>insufficient_user_quota</c>/<c>insufficient_quota</c> → InsufficientBalance; <c>model_not_found</c> →
    /// ModelNotAvailable. The request id is <c>X-Oneapi-Request-Id</c>, else the body's. Text passes the credential's redaction.
    /// </summary>
    internal sealed class JimengErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        /// <summary>The gateway's request id header.</summary>
        public const string RequestIdHeader = "X-Oneapi-Request-Id";

        /// <summary>Volcengine's success code.</summary>
        public const int SuccessCode = 10000;

        private static readonly Regex RequestIdSuffix = new Regex(@"\s*\(request id: ([0-9A-Za-z_\-]+)\)\s*$", RegexOptions.CultureInvariant);

        private readonly ApiCredential _credential;

        public JimengErrorReader(ApiCredential credential)
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
                return FromEnvelope(response, root);
            }
            catch (JsonException)
            {
                return NotJson(response);
            }
        }

        /// <summary>
        /// The exception for an error <paramref name="root"/> in any of the envelopes, also one that came with a 2xx
        /// (Volcengine answers its refusals with HTTP 200 and a code other than 10000).
        /// </summary>
        internal VideoApiException FromEnvelope(TransportResponse response, JsonElement root)
        {
            JsonElement? error = LenientJson.Member(root, "error");
            if (error?.ValueKind == JsonValueKind.Object)
            {
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
                if (type != null && type != code) details["type"] = _credential.Redact(type);
                return Create(response, code, message, details, suffixId);
            }

            JsonElement? metadataError = LenientJson.Member(LenientJson.Member(root, "ResponseMetadata"), "Error");
            if (metadataError?.ValueKind == JsonValueKind.Object)
            {
                string? code = LenientJson.String(LenientJson.Member(metadataError, "Code")) ?? Code(LenientJson.Member(metadataError, "CodeN"));
                string? message = LenientJson.String(LenientJson.Member(metadataError, "Message"));
                string? id = LenientJson.String(LenientJson.Member(LenientJson.Member(root, "ResponseMetadata"), "RequestId"));
                return Create(response, code, message, null, id);
            }

            string? taskCode = Code(LenientJson.Member(root, "code"));
            string? taskMessage = LenientJson.String(LenientJson.Member(root, "message"));
            string? bodyId = LenientJson.String(LenientJson.Member(root, "request_id"));
            var taskDetails = new Dictionary<string, string>(StringComparer.Ordinal);
            if (taskMessage != null && string.Equals(taskCode, "fail_to_fetch_task", StringComparison.OrdinalIgnoreCase) && UpstreamMessage(taskMessage) is string upstream)
            {
                taskDetails["upstream"] = _credential.Redact(taskMessage);
                taskMessage = "The upstream answered: " + upstream;
            }
            return Create(response, taskCode, taskMessage, taskDetails, bodyId);
        }

        /// <summary><c>X-Oneapi-Request-Id</c>.</summary>
        public string? RequestId(TransportResponse response) => response.Header(RequestIdHeader);

        /// <summary>A 2xx answer the client cannot read (no inner exception: a parser's message could quote the key).</summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(
                JimengProvider.Name,
                response.StatusCode,
                ApiErrorKind.Unknown,
                InvalidResponseCode,
                _credential.Redact("Jimeng answered " + response.StatusText + " to " + operation + " but " + problem + "."),
                null,
                RequestId(response));

        /// <summary>
        /// Volcengine's <c>not_found</c> in a 200 GetResult answer: <see cref="ApiErrorKind.NotFound"/> with code
        /// <c>not_found</c>, as the gateway's <c>task_not_exist</c> is.
        /// </summary>
        public VideoApiException TaskNotFound(TransportResponse response, string taskId, string? requestId)
            => Create(response, "not_found", "Jimeng knows no task " + taskId + " (status not_found).", null, requestId);

        /// <summary>A code given as a string, or as a number (Volcengine's), as text.</summary>
        internal static string? Code(JsonElement? value)
        {
            if (value?.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out long number)) return number.ToString(CultureInfo.InvariantCulture);
            return LenientJson.String(value);
        }

        /// <summary>The message of an upstream error body (new-api's <c>error.message</c>, Volcengine's <c>message</c> or <c>ResponseMetadata.Error.Message</c>); null when it is not JSON.</summary>
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
                "Jimeng answered " + response.StatusText + " with a body that is not its JSON error (" + (response.MediaType ?? "no content type") + "), probably from a proxy in front of the gateway.",
                null, null);

        private VideoApiException Create(TransportResponse response, string? code, string? message, IReadOnlyDictionary<string, string>? details, string? bodyId)
        {
            int status = response.StatusCode;
            ApiErrorKind kind = Kind(status, code);
            if (string.IsNullOrWhiteSpace(message))
                message = status == 429 ? "The gateway's rate limit was hit (429 with no body)."
                    : string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + status : response.ReasonPhrase;
            return new VideoApiException(
                JimengProvider.Name,
                status,
                kind,
                code,
                _credential.Redact(message!.Trim()),
                details != null && details.Count > 0 ? details : null,
                RequestId(response) ?? bodyId,
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

        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider Jimeng -BaseUri https://your-gateway/ with a valid token from the new-api gateway's dashboard.";
                case ApiErrorKind.InsufficientBalance: return "Top up the token's or the user's quota on the gateway, then run the rows again.";
                default: return null;
            }
        }
    }
}
