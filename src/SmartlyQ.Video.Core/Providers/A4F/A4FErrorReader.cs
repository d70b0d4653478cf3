using System;
using System.Collections.Generic;
using System.Text.Json;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// A4F's error envelope (<c>docs/errors</c>): <c>{"error":{"message","type","param","code"}}</c>, where <c>type</c> is
    /// the short code (e.g. <c>invalid_api_key</c>) and <c>code</c> is optional. The code is <c>type</c>, else
    /// <c>code</c>, else <c>HTTP_&lt;status&gt;</c>. Kinds: <c>invalid_api_key</c> → Unauthorized,
    /// <c>rate_limit_exceeded</c> → RateLimited, <c>permission_denied_error</c> → ModelNotAvailable (the plan lacks the
    /// model), <c>invalid_request_error</c> and <c>n_exceeds_model_limit</c> → BadRequest, <c>provider_error</c> →
    /// ServerError, <c>insufficient_quota</c> → InsufficientBalance; else by HTTP status (a provider failure may carry
    /// the upstream provider's status). A4F documents no request id header; <c>X-Request-ID</c> is read when present.
    /// Server text passes through the credential's redaction.
    /// </summary>
    internal sealed class A4FErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        private readonly ApiCredential _credential;

        public A4FErrorReader(ApiCredential credential)
        {
            _credential = credential;
        }

        /// <inheritdoc />
        public VideoApiException Read(TransportResponse response, string operation)
        {
            ReadOnlySpan<byte> body = response.TrimmedBody();
            if (body.Length == 0) return Create(response.StatusCode, null, null, null, response);
            try
            {
                using JsonDocument document = JsonDocument.Parse(body.ToArray());
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return NotJson(response);
                JsonElement? error = Member(root, "error");
                JsonElement? inner = error?.ValueKind == JsonValueKind.Object ? error : null;
                string? message = Text(Member(inner, "message")) ?? Text(Member(root, "message")) ?? Text(error);
                string? type = Text(Member(inner, "type"));
                string? code = Text(Member(inner, "code"));
                var details = new Dictionary<string, string>(StringComparer.Ordinal);
                if (code != null && code != type) details["code"] = _credential.Redact(code);
                string? param = Text(Member(inner, "param"));
                if (param != null) details["param"] = _credential.Redact(param);
                return Create(response.StatusCode, type ?? code, message, details, response);
            }
            catch (JsonException)
            {
                return NotJson(response);
            }
        }

        /// <summary><c>X-Request-ID</c> when an answer carries it (A4F documents none).</summary>
        public string? RequestId(TransportResponse response) => response.Header("X-Request-ID");

        /// <summary>A 2xx answer the client cannot read (redacted, no inner exception that could quote the body).</summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(A4FProvider.Name, response.StatusCode, ApiErrorKind.Unknown, InvalidResponseCode,
                _credential.Redact("A4F answered " + response.StatusText + " to " + operation + " but " + problem + "."), null, RequestId(response));

        /// <summary>
        /// The error of a 200 answer whose body reports a failure (<c>{"error":{…}}</c> instead of <c>data</c>): kind from
        /// its type, else ServerError (the generation failed upstream).
        /// </summary>
        public VideoApiException InBody(TransportResponse response, string? type, string? message)
        {
            VideoApiException error = Create(response.StatusCode, type, message, null, response);
            return error.Kind == ApiErrorKind.Unknown
                ? new VideoApiException(A4FProvider.Name, response.StatusCode, ApiErrorKind.ServerError, error.ErrorCode, error.ProviderMessage, null, error.RequestId) { Advice = error.Advice }
                : error;
        }

        private VideoApiException NotJson(TransportResponse response)
            => Create(response.StatusCode, null,
                "A4F answered " + response.StatusText + " with a body that is not its JSON error (" + (response.MediaType ?? "no content type") + "), probably from a proxy or gateway in front of it.",
                null, response);

        private VideoApiException Create(int status, string? code, string? message, IReadOnlyDictionary<string, string>? details, TransportResponse response)
        {
            ApiErrorKind kind = Kind(status, code);
            if (string.IsNullOrWhiteSpace(message))
                message = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + status : response.ReasonPhrase;
            return new VideoApiException(A4FProvider.Name, status, kind, code, _credential.Redact(message!), details, RequestId(response), response.RetryAfter)
            {
                Advice = AdviceFor(kind),
            };
        }

        /// <summary>The neutral kind: the documented codes first, then the HTTP status.</summary>
        internal static ApiErrorKind Kind(int status, string? code)
        {
            switch ((code ?? "").Trim().ToLowerInvariant())
            {
                case "invalid_api_key":
                case "authentication_error":
                    return ApiErrorKind.Unauthorized;
                case "rate_limit_exceeded":
                    return ApiErrorKind.RateLimited;
                case "permission_denied_error":
                    return ApiErrorKind.ModelNotAvailable;
                case "invalid_request_error":
                case "n_exceeds_model_limit":
                    return ApiErrorKind.BadRequest;
                case "insufficient_quota":
                    return ApiErrorKind.InsufficientBalance;
                case "provider_error":
                    return ApiErrorKind.ServerError;
            }
            return ApiErrorKinds.FromStatus(status);
        }

        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider A4F with a valid key from https://www.a4f.co (it starts with ddc-a4f-).";
                case ApiErrorKind.ModelNotAvailable: return "Video generation on A4F needs the Pro or Ultra plan; upgrade the plan or pick a model it includes.";
                case ApiErrorKind.RateLimited: return "A4F limits requests per minute and per day by plan; wait, or lower New-SqVideo -ThrottleLimit.";
                default: return null;
            }
        }

        private static JsonElement? Member(JsonElement? obj, string name)
            => obj != null && obj.Value.ValueKind == JsonValueKind.Object && obj.Value.TryGetProperty(name, out JsonElement value) ? value : (JsonElement?)null;

        private static string? Text(JsonElement? value)
        {
            if (value == null || value.Value.ValueKind != JsonValueKind.String) return null;
            string? text = value.Value.GetString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }
    }
}
