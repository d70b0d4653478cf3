using System;
namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// What went wrong, in neutral terms: each provider maps its own codes (and HTTP statuses) to one of these
    /// (see <see cref="ApiErrorKinds.FromStatus"/> for the status-only fallback). The raw code stays in
    /// <see cref="VideoApiException.ErrorCode"/>.
    /// </summary>
    public enum ApiErrorKind
    {
        /// <summary>A code this version does not know (the raw code is in <see cref="VideoApiException.ErrorCode"/>).</summary>
        Unknown = 0,

        /// <summary>400: the request is malformed.</summary>
        BadRequest,

        /// <summary>401: missing or invalid key.</summary>
        Unauthorized,

        /// <summary>402 or the provider's "no credits" code: the balance is too low.</summary>
        InsufficientBalance,

        /// <summary>403: the key lacks a scope or access.</summary>
        Forbidden,

        /// <summary>404: no such job, model or route.</summary>
        NotFound,

        /// <summary>409: a conflict, e.g. an idempotency key reused for a different request, or a job already finished.</summary>
        Conflict,

        /// <summary>422 (or a 400 the provider marks as a field error): per-field messages in <see cref="VideoApiException.Details"/>.</summary>
        Validation,

        /// <summary>429: too many requests.</summary>
        RateLimited,

        /// <summary>5xx answers.</summary>
        ServerError,

        /// <summary>The model is not available to this key or plan.</summary>
        ModelNotAvailable,

        /// <summary>An async job ended in error.</summary>
        JobFailed,

        /// <summary>
        /// A submission without an idempotency key that may or may not have reached the server (timed out or broke off
        /// after it was sent): it was not retried, and whether a job exists is unknown.
        /// </summary>
        Uncertain,
    }
}
