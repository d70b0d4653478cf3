using System;
using System.Collections.Generic;
using System.Text.Json;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// OpenAI's error envelope <c>{"error":{"message","type","param","code"}}</c>, and what new-api gateways send instead
    /// (shared/api/research-2026-12/new-api-gateway.md §3): the task envelope <c>{"code","message","data":null}</c> and a
    /// bare 429 with no body. The code (else the type) is kept as <see cref="VideoApiException.ErrorCode"/>; <c>param</c>
    /// names the field of a 400 (<see cref="ApiErrorKind.Validation"/>, field → message in the details). The request id
    /// is <c>x-request-id</c>. Server text passes through the credential's redaction.
    /// </summary>
    internal sealed class OpenAIErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "invalid_response";

        private readonly ApiCredential _credential;

        public OpenAIErrorReader(ApiCredential credential) => _credential = credential;

        /// <inheritdoc />
        public VideoApiException Read(TransportResponse response, string operation)
        {
            string? message = null, code = null, param = null;
            ReadOnlySpan<byte> json = response.TrimmedBody();
            bool parsed = false;
            if (json.Length > 0 && json[0] == '{')
            {
                try
                {
                    using JsonDocument document = JsonDocument.Parse(json.ToArray());
                    JsonElement root = document.RootElement;
                    JsonElement body = root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object ? error : root;
                    message = OpenAIJsonText.String(body, "message");
                    code = OpenAIJsonText.String(body, "code");
                    if (string.IsNullOrWhiteSpace(code)) code = OpenAIJsonText.String(body, "type");
                    param = OpenAIJsonText.String(body, "param");
                    parsed = true;
                }
                catch (JsonException)
                {
                }
            }

            if (string.IsNullOrWhiteSpace(message))
                message = !parsed && json.Length > 0
                    ? "The API answered " + response.StatusText + " with a body that is not JSON (" + (response.MediaType ?? "no content type") + "), probably from a proxy or gateway in front of it."
                    : "The API answered " + response.StatusText + " to " + operation + ".";

            int status = response.StatusCode;
            ApiErrorKind kind = Kind(status, code, param);
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!string.IsNullOrWhiteSpace(param)) details[param!] = _credential.Redact(message!);
            return new VideoApiException(OpenAIProvider.Name, status, kind, string.IsNullOrWhiteSpace(code) ? null : code!.Trim(), _credential.Redact(message!),
                details, RequestId(response), response.RetryAfter)
            {
                Advice = AdviceFor(kind),
            };
        }

        /// <summary><c>x-request-id</c>.</summary>
        public string? RequestId(TransportResponse response) => response.Header("x-request-id");

        /// <summary>A 2xx answer the client cannot read (no inner exception: a parser's message could quote the body).</summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(OpenAIProvider.Name, response.StatusCode, ApiErrorKind.Unknown, InvalidResponseCode,
                _credential.Redact("The API answered " + response.StatusText + " to " + operation + " but " + problem + "."), null, RequestId(response));

        /// <summary>The neutral kind: OpenAI's codes first (a 429 may be a spent quota, not a rate), else the status.</summary>
        internal static ApiErrorKind Kind(int status, string? code, string? param)
        {
            switch ((code ?? "").Trim().ToLowerInvariant())
            {
                case "invalid_api_key":
                    return ApiErrorKind.Unauthorized;
                case "insufficient_quota":
                case "billing_hard_limit_reached":
                    return ApiErrorKind.InsufficientBalance;
                case "rate_limit_exceeded":
                    return ApiErrorKind.RateLimited;
                case "model_not_found":
                    return ApiErrorKind.ModelNotAvailable;
                case "video_not_found":
                case "task_not_exist":
                    return ApiErrorKind.NotFound;
            }

            if (status == 400 && !string.IsNullOrWhiteSpace(param)) return ApiErrorKind.Validation;
            return ApiErrorKinds.FromStatus(status);
        }

        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider OpenAI with a valid key (https://platform.openai.com/api-keys).";
                case ApiErrorKind.InsufficientBalance: return "The OpenAI project's quota or credit is spent: add credit at https://platform.openai.com/settings/organization/billing, then run the rows again.";
                default: return null;
            }
        }
    }
}
