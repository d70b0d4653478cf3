using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// SmartlyQ's error envelope: turns an error answer into a <see cref="VideoApiException"/> with <c>error.code</c>
    /// (mapped by <see cref="SmartlyQErrorCodes"/>), <c>error.message</c> (else the reason phrase), <c>error.details</c>,
    /// <c>meta.request_id</c> (else <c>X-Request-Id</c>), <c>Retry-After</c>, and on a 402 the balance and cost in SQC.
    /// Text from the server passes through the credential's redaction.
    /// </summary>
    internal sealed class SmartlyQErrorReader : IResponseErrorReader
    {
        /// <summary>Error code for a 2xx answer whose body is not the documented JSON.</summary>
        public const string InvalidResponseCode = "INVALID_RESPONSE";

        private readonly ApiCredential _credential;

        public SmartlyQErrorReader(ApiCredential credential)
        {
            _credential = credential;
        }

        /// <inheritdoc />
        public VideoApiException Read(TransportResponse response, string operation)
        {
            ErrorEnvelopeDto? envelope = TryParse(response);
            if (envelope == null && response.Body.Length > 0)
            {
                string mediaType = response.MediaType ?? "no content type";
                return Create(response, null,
                    "The API answered " + response.StatusText + " with a body that is not JSON (" + mediaType + "), probably from a proxy or gateway in front of it.",
                    null, null);
            }
            return FromEnvelope(response, envelope?.Error, envelope?.Message, envelope?.Meta?.RequestId);
        }

        /// <summary><c>X-Request-Id</c>.</summary>
        public string? RequestId(TransportResponse response) => response.Header("X-Request-Id");

        /// <summary>For an error answer, or a 2xx answer that says <c>"success": false</c>.</summary>
        public VideoApiException FromEnvelope(TransportResponse response, ErrorBodyDto? error, string? topMessage, string? requestId)
        {
            string? message = !string.IsNullOrWhiteSpace(error?.Message) ? error!.Message : topMessage;
            if (string.IsNullOrWhiteSpace(message)) message = ReasonOrStatus(response);
            IReadOnlyDictionary<string, string> details = ToDetails(error?.Details);
            if (response.StatusCode == 403) message = WithMissingScope(message!, details);
            return Create(response, error?.Code, message!, details, requestId);
        }

        /// <summary>
        /// A 409 to a POST that carried <paramref name="idempotencyKey"/>, explained: the key was already used for a
        /// different request (or that request is still running). <paramref name="keyIsOnlyCause"/> is true where the
        /// endpoint has no other conflict (submissions); elsewhere the answer must name idempotency itself
        /// (code <c>IDEMPOTENCY_CONFLICT</c> or a message that mentions it), else it is returned unchanged.
        /// </summary>
        public VideoApiException ExplainConflict(VideoApiException error, string operation, string idempotencyKey, bool keyIsOnlyCause)
        {
            bool aboutKey = keyIsOnlyCause
                || string.Equals(error.ErrorCode, "IDEMPOTENCY_CONFLICT", StringComparison.OrdinalIgnoreCase)
                || error.Message.IndexOf("idempoten", StringComparison.OrdinalIgnoreCase) >= 0;
            if (!aboutKey) return error;

            string message = "The idempotency key '" + idempotencyKey + "' was already used for a different request, so the API refused "
                             + operation + " (409 " + error.ErrorCode + "; not retried). Use a new idempotency key for a new request; "
                             + "only the identical request may reuse a key. API: " + error.Message.Trim();
            return error.WithMessage(_credential.Redact(message));
        }

        /// <summary>"… The API key lacks the scope videos:write." when <c>details</c> names the scope and the message does not.</summary>
        private static string WithMissingScope(string message, IReadOnlyDictionary<string, string> details)
        {
            string? scope = null;
            foreach (string name in new[] { "required_scope", "missing_scope", "scope" })
                if (details.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value))
                {
                    scope = value.Trim();
                    break;
                }

            if (scope == null || message.IndexOf(scope, StringComparison.OrdinalIgnoreCase) >= 0) return message;
            string trimmed = message.TrimEnd();
            string separator = trimmed.Length == 0 ? "" : trimmed.EndsWith(".", StringComparison.Ordinal) ? " " : ". ";
            return trimmed + separator + "The API key lacks the scope " + scope + ".";
        }

        /// <summary>
        /// A 2xx answer the client cannot read. No inner exception: a parser's message quotes the body, which could
        /// echo the key, so only its redacted text is kept.
        /// </summary>
        public VideoApiException InvalidResponse(TransportResponse response, string operation, string problem)
            => new VideoApiException(
                WireMapper.Provider,
                response.StatusCode,
                ApiErrorKind.Unknown,
                InvalidResponseCode,
                _credential.Redact("The API answered " + response.StatusText + " to " + operation + " but " + problem + "."),
                null,
                RequestId(response));

        /// <summary>The exception; a 402's <c>details</c> also give the balance and the cost, in SQC.</summary>
        private VideoApiException Create(TransportResponse response, string? code, string message, IReadOnlyDictionary<string, string>? details, string? requestId)
        {
            int status = response.StatusCode;
            string? trimmed = string.IsNullOrWhiteSpace(code) ? null : code!.Trim();
            ApiErrorKind kind = SmartlyQErrorCodes.Kind(status, trimmed);
            bool money = kind == ApiErrorKind.InsufficientBalance && details != null;
            return new VideoApiException(
                WireMapper.Provider,
                status,
                kind,
                trimmed,
                _credential.Redact(message),
                details,
                string.IsNullOrWhiteSpace(requestId) ? RequestId(response) : requestId,
                response.RetryAfter)
            {
                Balance = money ? Amount(details!, "balance") ?? Amount(details!, "balance_sqc") : null,
                Cost = money ? Amount(details!, "cost") : null,
                Currency = money ? WireMapper.Currency : null,
                Advice = AdviceFor(kind),
            };
        }

        /// <summary>What to do about it in SmartlyQ's terms (its key format, its dashboard, its wallet).</summary>
        private static string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ with a valid sqk_live_ or sqk_test_ key.";
                case ApiErrorKind.Forbidden: return "Give the API key the missing scope in the SmartlyQ Developer Dashboard.";
                case ApiErrorKind.InsufficientBalance: return "Top up the Developer API wallet, then run the rows again; Get-SqBalance shows the balance.";
                default: return null;
            }
        }

        private static decimal? Amount(IReadOnlyDictionary<string, string> details, string field)
            => details.TryGetValue(field, out string? text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) ? value : (decimal?)null;

        private static ErrorEnvelopeDto? TryParse(TransportResponse response)
        {
            ReadOnlySpan<byte> json = response.TrimmedBody();
            if (json.Length == 0 || json[0] != '{') return null;
            try
            {
                return JsonSerializer.Deserialize(json, SmartlyQJsonContext.Default.ErrorEnvelopeDto);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>
        /// <c>details</c> as field → text. Objects keep their keys (non-string values as JSON text); arrays use each
        /// item's <c>field</c> and <c>message</c> when present, else the index; a plain string goes under <c>details</c>.
        /// </summary>
        private IReadOnlyDictionary<string, string> ToDetails(JsonElement? details)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (details == null) return result;
            JsonElement value = details.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (JsonProperty property in value.EnumerateObject())
                        Add(result, property.Name, Text(property.Value));
                    break;
                case JsonValueKind.Array:
                    int index = 0;
                    foreach (JsonElement item in value.EnumerateArray())
                    {
                        string? field = item.ValueKind == JsonValueKind.Object ? FirstString(item, "field", "param", "name", "path") : null;
                        string? text = item.ValueKind == JsonValueKind.Object ? FirstString(item, "message", "msg", "error") : null;
                        Add(result, field ?? index.ToString(CultureInfo.InvariantCulture), text ?? Text(item));
                        index++;
                    }
                    break;
                case JsonValueKind.String:
                    string single = value.GetString() ?? "";
                    if (single.Length > 0) Add(result, "details", single);
                    break;
            }
            return result;
        }

        private void Add(Dictionary<string, string> details, string key, string text)
        {
            string clean = _credential.Redact(text);
            details[key] = details.TryGetValue(key, out string? earlier) ? earlier + "; " + clean : clean;
        }

        private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

        private static string? FirstString(JsonElement item, params string[] names)
        {
            foreach (string name in names)
                if (item.TryGetProperty(name, out JsonElement found) && found.ValueKind == JsonValueKind.String)
                    return found.GetString();
            return null;
        }

        private static string ReasonOrStatus(TransportResponse response)
            => string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "HTTP " + response.StatusCode : response.ReasonPhrase!;
    }
}
