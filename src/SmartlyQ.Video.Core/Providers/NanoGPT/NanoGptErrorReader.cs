using System;
using System.Collections.Generic;
using System.Text.Json;
using SmartlyQ.Video.Core.Transport;
using SmartlyQ.Video.Core.Json;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// NanoGPT's error envelopes, which vary by surface (<c>error-handling.mdx</c>, its OpenAPI):
    /// <list type="bullet">
    /// <item>video endpoints: <c>{"error": &lt;status&gt;, "message": "…"}</c>;</item>
    /// <item>legacy/simple: <c>{"error": "Insufficient balance", "requiredBalance": 0.0035, "status": 402}</c>;</item>
    /// <item>OpenAI-compatible (<c>/api/v1/…</c>, 429s): <c>{"error": {"message", "type", "code", "param"}}</c>;</item>
    /// <item>bare <c>{"message": "…"}</c>.</item>
    /// </list>
    /// The message is <c>error.message</c>, else <c>message</c>, else <c>error</c> as text, else the reason phrase; the
    /// code is <c>error.code</c>, else <c>error.type</c> (else <c>HTTP_&lt;status&gt;</c>). The kind follows the HTTP
    /// status, refined by the documented codes (<c>daily_rpd_limit_exceeded</c>, <c>daily_usd_limit_exceeded</c>,
    /// <c>rate_limit_error</c> → RateLimited; <c>api_key_origin_not_allowed</c> → Forbidden). A 402's
    /// <c>requiredBalance</c> is the cost, in USD. The request id is the <c>X-Request-ID</c> header "when present".
    /// Text from the server passes through the credential's redaction.
    /// </summary>
    internal sealed class NanoGptErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        private readonly ApiCredential _credential;

        public NanoGptErrorReader(ApiCredential credential)
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
                JsonElement? inner = error?.ValueKind == JsonValueKind.Object ? error : null;
                string? message = LenientJson.String(LenientJson.Member(inner, "message"))
                                  ?? LenientJson.String(LenientJson.Member(root, "message"))
                                  ?? LenientJson.String(error);
                string? code = LenientJson.String(LenientJson.Member(inner, "code")) ?? LenientJson.String(LenientJson.Member(inner, "type"));
                string? type = LenientJson.String(LenientJson.Member(inner, "type"));
                decimal? required = LenientJson.Decimal(LenientJson.Member(root, "requiredBalance"));
                decimal? balance = LenientJson.Decimal(LenientJson.Member(root, "balance")) ?? LenientJson.Decimal(LenientJson.Member(root, "currentBalance"));
                var details = new Dictionary<string, string>(StringComparer.Ordinal);
                if (type != null && type != code) details["type"] = _credential.Redact(type);
                string? param = LenientJson.String(LenientJson.Member(inner, "param"));
                if (param != null) details["param"] = _credential.Redact(param);
                if (required != null) details["requiredBalance"] = required.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Create(response, code, message, details, (required, balance));
            }
            catch (JsonException)
            {
                return NotJson(response);
            }
        }

        /// <summary><c>X-Request-ID</c> (NanoGPT sends it "when present").</summary>
        public string? RequestId(TransportResponse response) => response.Header("X-Request-ID");

        /// <summary>
        /// A 2xx answer the client cannot read. No inner exception: a parser's message quotes the body, which could
        /// echo the key, so only its redacted text is kept.
        /// </summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(
                NanoGptProvider.Name,
                response.StatusCode,
                ApiErrorKind.Unknown,
                InvalidResponseCode,
                _credential.Redact("NanoGPT answered " + response.StatusText + " to " + operation + " but " + problem + "."),
                null,
                RequestId(response));

        private VideoApiException NotJson(TransportResponse response)
        {
            string mediaType = response.MediaType ?? "no content type";
            return Create(response, null,
                "NanoGPT answered " + response.StatusText + " with a body that is not its JSON error (" + mediaType + "), probably from a proxy or gateway in front of it.",
                null, null);
        }

        private VideoApiException Create(TransportResponse response, string? code, string? message, IReadOnlyDictionary<string, string>? details, (decimal? Required, decimal? Balance)? money)
        {
            int status = response.StatusCode;
            ApiErrorKind kind = Kind(status, code);
            if (string.IsNullOrWhiteSpace(message))
                message = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + status : response.ReasonPhrase;
            bool paying = kind == ApiErrorKind.InsufficientBalance && money != null;
            return new VideoApiException(
                NanoGptProvider.Name,
                status,
                kind,
                code,
                _credential.Redact(message!),
                details,
                RequestId(response),
                response.RetryAfter)
            {
                Cost = paying ? money!.Value.Required : null,
                Balance = paying ? money!.Value.Balance : null,
                Currency = paying && (money!.Value.Required != null || money.Value.Balance != null) ? NanoGptCatalog.DefaultCurrency : null,
                Advice = AdviceFor(kind),
            };
        }

        /// <summary>The neutral kind: the documented codes first, then the HTTP status.</summary>
        internal static ApiErrorKind Kind(int status, string? code)
        {
            switch ((code ?? "").Trim().ToLowerInvariant())
            {
                case "daily_rpd_limit_exceeded":
                case "daily_usd_limit_exceeded":
                case "rate_limit_error":
                case "rate_limit_exceeded":
                    return ApiErrorKind.RateLimited;
                case "api_key_origin_not_allowed":
                    return ApiErrorKind.Forbidden;
                case "insufficient_balance":
                case "insufficient_quota":
                    return ApiErrorKind.InsufficientBalance;
                case "invalid_api_key":
                case "authentication_error":
                    return ApiErrorKind.Unauthorized;
            }
            return ApiErrorKinds.FromStatus(status);
        }

        /// <summary>What to do about it in NanoGPT's terms.</summary>
        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider NanoGPT with a valid key from https://nano-gpt.com/api (it starts with sk-nano-).";
                case ApiErrorKind.Forbidden: return "Check the key's restrictions (allowed origins) on https://nano-gpt.com/api, and that the job was created with this key.";
                case ApiErrorKind.InsufficientBalance: return "Top up the NanoGPT balance on nano-gpt.com, then run the rows again; Get-SqBalance shows the balance.";
                default: return null;
            }
        }
    }
}
