using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Api
{
    /// <summary>
    /// Any non-2xx answer of the SmartlyQ API, from its error envelope
    /// <c>{"success":false,"error":{"code","message","details"},"meta":{"request_id"}}</c>.
    /// The message never contains the API key.
    /// </summary>
    public sealed class SmartlyQApiException : Exception
    {
        /// <summary>Creates the exception for one error answer.</summary>
        public SmartlyQApiException(
            int statusCode,
            string? errorCode,
            string message,
            IReadOnlyDictionary<string, string>? details = null,
            string? requestId = null,
            TimeSpan? retryAfter = null,
            Exception? innerException = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            ErrorCode = string.IsNullOrEmpty(errorCode) ? "HTTP_" + statusCode : errorCode!;
            Kind = ApiErrorKinds.From(statusCode, errorCode);
            Details = details ?? new Dictionary<string, string>();
            RequestId = requestId;
            RetryAfter = retryAfter;
        }

        /// <summary>HTTP status code, e.g. 422.</summary>
        public int StatusCode { get; }

        /// <summary><c>error.code</c> as the API sent it, e.g. <c>VALIDATION_ERROR</c>; <c>HTTP_&lt;status&gt;</c> when absent.</summary>
        public string ErrorCode { get; }

        /// <summary>The code with both published code sets folded together.</summary>
        public ApiErrorKind Kind { get; }

        /// <summary><c>error.details</c>: on 422, field name → message; empty otherwise.</summary>
        public IReadOnlyDictionary<string, string> Details { get; }

        /// <summary><c>meta.request_id</c> (or <c>X-Request-Id</c>), to quote to SmartlyQ support.</summary>
        public string? RequestId { get; }

        /// <summary><c>Retry-After</c> of a 429 or 503, when sent.</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
