using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Kling's error answers, official and through new-api:
    /// <list type="bullet">
    /// <item>Kling: HTTP 4xx/5xx with <c>{"code":&lt;int&gt;,"message","request_id"}</c>; the code maps by <see cref="KlingErrorCodes"/>;</item>
    /// <item>new-api relaying a Kling error: <c>{"code":"fail_to_fetch_task","message":"&lt;raw Kling body&gt;","data":null}</c>
    /// with Kling's HTTP status: the Kling body inside the message is read as above;</item>
    /// <item>new-api's own: <c>{"code":"task_not_exist"|"task_failed"|"invalid_request"|…,"message","data":null}</c>
    /// (task_not_exist → NotFound) and the middleware's <c>{"error":{"message","type":"new_api_error","code"}}</c>;</item>
    /// <item>a bare 429 (new-api's limiter, empty body).</item>
    /// </list>
    /// <see cref="VideoApiException.ErrorCode"/> is Kling's numeric code as text (e.g. <c>1303</c>) or new-api's code.
    /// Text from the server passes through the credential's redaction.
    /// </summary>
    internal sealed class KlingErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer the client cannot read.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        /// <summary>new-api's relay of an upstream error; the Kling body is its message.</summary>
        public const string RelayedCode = "fail_to_fetch_task";

        /// <summary>new-api's unknown task.</summary>
        public const string TaskNotExist = "task_not_exist";

        /// <summary>new-api's request id header.</summary>
        public const string GatewayRequestIdHeader = "X-Oneapi-Request-Id";

        private readonly ApiCredential _credential;

        public KlingErrorReader(ApiCredential credential)
        {
            _credential = credential;
        }

        /// <inheritdoc />
        public VideoApiException Read(TransportResponse response, string operation)
        {
            ReadOnlySpan<byte> body = response.TrimmedBody();
            if (body.Length == 0) return Create(response, null, null, null, RequestId(response));
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.ToArray());
                return FromJson(response, document.RootElement, depth: 0);
            }
            catch (JsonException)
            {
                return Create(response, null, null, "Kling answered " + response.StatusText + " to " + operation + " with a body that is not JSON.", RequestId(response));
            }
        }

        private VideoApiException FromJson(TransportResponse response, JsonElement root, int depth)
        {
            if (root.ValueKind != JsonValueKind.Object) return Create(response, null, null, null, RequestId(response));
            JsonElement? error = KlingJson.Member(root, "error");
            if (error?.ValueKind == JsonValueKind.Object)
            {
                string? middlewareCode = KlingJson.String(KlingJson.Member(error, "code"));
                return Create(response, null, middlewareCode, KlingJson.String(KlingJson.Member(error, "message")), RequestId(response));
            }
            JsonElement? code = KlingJson.Member(root, "code");
            string? message = KlingJson.String(KlingJson.Member(root, "message"));
            string? requestId = KlingJson.String(KlingJson.Member(root, "request_id")) ?? RequestId(response);
            if (code?.ValueKind == JsonValueKind.Number)
                return Create(response, (int?)KlingJson.Integer(code), null, message, requestId);
            string? text = KlingJson.String(code);
            // new-api's relay: the message is Kling's own body.
            if (depth == 0 && message != null && message.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using JsonDocument inner = JsonDocument.Parse(message);
                    if (KlingJson.Member(inner.RootElement, "code")?.ValueKind == JsonValueKind.Number) return FromJson(response, inner.RootElement, depth + 1);
                }
                catch (JsonException)
                {
                    // Not Kling's JSON: keep the gateway's message.
                }
            }
            return Create(response, null, text, message, requestId);
        }

        /// <summary><c>X-Oneapi-Request-Id</c> (new-api), else the body's <c>request_id</c> (Kling), else none.</summary>
        public string? RequestId(TransportResponse response)
        {
            string? header = response.Header(GatewayRequestIdHeader);
            if (!string.IsNullOrWhiteSpace(header)) return header!.Trim();
            ReadOnlySpan<byte> body = response.TrimmedBody();
            if (body.Length == 0 || body.Length > 65536 || body[0] != (byte)'{') return null;
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.ToArray());
                string? id = KlingJson.String(KlingJson.Member(document.RootElement, "request_id"));
                return id == null ? null : _credential.Redact(id);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>A 2xx answer the client cannot read (no inner exception: a parser's message may quote the body).</summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(KlingProvider.Name, response.StatusCode, ApiErrorKind.Unknown, InvalidResponseCode,
                _credential.Redact("Kling answered " + response.StatusText + " to " + operation + " but " + problem + "."), null, RequestId(response));

        /// <summary>A 2xx answer whose Kling envelope says <c>code</c> ≠ 0: the error it names.</summary>
        public VideoApiException Refused(TransportResponse response, int code, string? message, string? requestId)
            => Create(response, code, null, message, requestId);

        private VideoApiException Create(TransportResponse response, int? klingCode, string? textCode, string? message, string? requestId)
        {
            int status = response.StatusCode;
            ApiErrorKind kind = klingCode != null ? KlingErrorCodes.Kind(klingCode, status)
                : string.Equals(textCode, TaskNotExist, StringComparison.OrdinalIgnoreCase) ? ApiErrorKind.NotFound
                : ApiErrorKinds.FromStatus(status);
            if (status >= 200 && status <= 299 && kind == ApiErrorKind.Unknown) kind = ApiErrorKind.BadRequest;
            if (string.IsNullOrWhiteSpace(message))
                message = status == 429 ? "Too many requests (HTTP 429)." : string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + status : response.ReasonPhrase;
            string? code = klingCode?.ToString(CultureInfo.InvariantCulture) ?? (string.IsNullOrWhiteSpace(textCode) ? null : textCode);
            return new VideoApiException(KlingProvider.Name, status, kind, code, _credential.Redact(message!), new Dictionary<string, string>(),
                requestId, response.RetryAfter)
            {
                Advice = AdviceFor(kind),
            };
        }

        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized:
                    return "Run Connect-SmartlyQ -Provider Kling with -Credential (access key as user name, secret key as password) for Kling's API, or -ApiKey with the gateway's token.";
                case ApiErrorKind.InsufficientBalance:
                    return "Top up the Kling account or buy a resource pack (https://app.klingai.com/global/dev), then run the rows again.";
                case ApiErrorKind.RateLimited:
                    return "Kling limits parallel tasks per resource pack: run fewer jobs at once (-ThrottleLimit) or wait for running ones to finish.";
                default:
                    return null;
            }
        }
    }
}
