using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// An error answer of a video API (any non-2xx status, or a 2xx the client cannot read), in neutral terms:
    /// the HTTP status, the <see cref="ApiErrorKind"/> the provider mapped its own code to, and that code and message
    /// as the provider sent them. Each provider's error reader builds it from that API's envelope. Neither the message
    /// nor any property ever contains the API key.
    /// </summary>
    public sealed class VideoApiException : Exception
    {
        /// <summary>
        /// Creates the exception for one error answer of <paramref name="provider"/>. An empty
        /// <paramref name="errorCode"/> becomes <c>HTTP_&lt;status&gt;</c>; <see cref="ProviderMessage"/> starts as
        /// <paramref name="message"/>.
        /// </summary>
        public VideoApiException(
            string provider,
            int statusCode,
            ApiErrorKind kind,
            string? errorCode,
            string message,
            IReadOnlyDictionary<string, string>? details = null,
            string? requestId = null,
            TimeSpan? retryAfter = null,
            Exception? innerException = null)
            : base(message, innerException)
        {
            Provider = string.IsNullOrEmpty(provider) ? "API" : provider;
            StatusCode = statusCode;
            Kind = kind;
            ErrorCode = string.IsNullOrEmpty(errorCode) ? "HTTP_" + statusCode : errorCode!;
            ProviderMessage = message;
            Details = details ?? new Dictionary<string, string>();
            RequestId = requestId;
            RetryAfter = retryAfter;
        }

        /// <summary>Registry name of the provider that answered, e.g. <c>SmartlyQ</c>, <c>OpenAI</c>.</summary>
        public string Provider { get; }

        /// <summary>HTTP status code, e.g. 422; 0 when no answer was received (<see cref="ApiErrorKind.Uncertain"/>).</summary>
        public int StatusCode { get; }

        /// <summary>The provider's code mapped to a neutral kind, which the cmdlets act on.</summary>
        public ApiErrorKind Kind { get; }

        /// <summary>The provider's own error code, e.g. <c>VALIDATION_ERROR</c> or <c>invalid_request_error</c>; <c>HTTP_&lt;status&gt;</c> when absent.</summary>
        public string ErrorCode { get; }

        /// <summary>The provider's own message (redacted), before any context the module adds to <see cref="Exception.Message"/>.</summary>
        public string ProviderMessage { get; init; }

        /// <summary>Per-field messages (field name → text, e.g. on 422) and other detail values; empty when none.</summary>
        public IReadOnlyDictionary<string, string> Details { get; }

        /// <summary>The answer's request id (body or header, as the provider names it), to quote to its support.</summary>
        public string? RequestId { get; }

        /// <summary><c>Retry-After</c> of a 429 or 503, when sent.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The balance the answer reports (e.g. on a 402), in <see cref="Currency"/>; null when not given.</summary>
        public decimal? Balance { get; init; }

        /// <summary>What the refused request would have cost, in <see cref="Currency"/>; null when not given.</summary>
        public decimal? Cost { get; init; }

        /// <summary>Unit of <see cref="Balance"/> and <see cref="Cost"/>, e.g. <c>SQC</c> or <c>USD</c>; null when unknown.</summary>
        public string? Currency { get; init; }

        /// <summary>
        /// What the user can do about it in this provider's terms (where to get a key, add a scope, top up), e.g.
        /// "Give the API key the missing scope in the SmartlyQ Developer Dashboard."; null: the cmdlets' neutral advice.
        /// </summary>
        public string? Advice { get; init; }

        /// <summary>A copy with <paramref name="message"/> (which must not hold the key) and this exception as the inner one.</summary>
        public VideoApiException WithMessage(string message)
            => new VideoApiException(Provider, StatusCode, Kind, ErrorCode, message, Details, RequestId, RetryAfter, this)
            {
                ProviderMessage = ProviderMessage,
                Balance = Balance,
                Cost = Cost,
                Currency = Currency,
                Advice = Advice,
            };
    }
}
