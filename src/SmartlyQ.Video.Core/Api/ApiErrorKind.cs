namespace SmartlyQ.Video.Core.Api
{
    /// <summary>
    /// An API error code with the two published code sets folded together
    /// (OpenAPI codes and the docs' error-guide codes, see shared/api/smartlyq.md §3).
    /// </summary>
    public enum ApiErrorKind
    {
        /// <summary>A code this version does not know (the raw code is in <see cref="SmartlyQApiException.ErrorCode"/>).</summary>
        Unknown = 0,

        /// <summary>400 <c>BAD_REQUEST</c>.</summary>
        BadRequest,

        /// <summary>401 <c>UNAUTHORIZED</c>: missing or invalid key.</summary>
        Unauthorized,

        /// <summary>402 <c>INSUFFICIENT_BALANCE</c> / <c>INSUFFICIENT_CREDITS</c>.</summary>
        InsufficientBalance,

        /// <summary>403 <c>FORBIDDEN</c>: the key lacks a scope or workspace access.</summary>
        Forbidden,

        /// <summary>404 <c>RESOURCE_NOT_FOUND</c>.</summary>
        NotFound,

        /// <summary>409 <c>CONFLICT</c> / <c>IDEMPOTENCY_CONFLICT</c>.</summary>
        Conflict,

        /// <summary>422 <c>VALIDATION_ERROR</c>; per-field messages in <see cref="SmartlyQApiException.Details"/>.</summary>
        Validation,

        /// <summary>429 <c>RATE_LIMIT_EXCEEDED</c> / <c>RATE_LIMITED</c>.</summary>
        RateLimited,

        /// <summary>500 <c>INTERNAL_ERROR</c> and other 5xx answers.</summary>
        ServerError,

        /// <summary><c>MODEL_NOT_AVAILABLE</c>: the model is not on the account's plan.</summary>
        ModelNotAvailable,

        /// <summary><c>JOB_FAILED</c>: an async job ended in error.</summary>
        JobFailed,
    }
}
