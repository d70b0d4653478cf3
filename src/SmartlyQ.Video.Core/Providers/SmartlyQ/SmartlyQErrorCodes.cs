using System;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>
    /// SmartlyQ's <c>error.code</c> values mapped to neutral kinds, with both published code sets folded together
    /// (OpenAPI codes and the docs' error-guide codes, see shared/api/smartlyq.md §3).
    /// </summary>
    internal static class SmartlyQErrorCodes
    {
        /// <summary>The code decides when known (either code set); otherwise the HTTP status does.</summary>
        public static ApiErrorKind Kind(int statusCode, string? errorCode)
        {
            switch (errorCode?.Trim().ToUpperInvariant())
            {
                case "BAD_REQUEST": return ApiErrorKind.BadRequest;
                case "UNAUTHORIZED": return ApiErrorKind.Unauthorized;
                case "INSUFFICIENT_BALANCE":
                case "INSUFFICIENT_CREDITS": return ApiErrorKind.InsufficientBalance;
                case "FORBIDDEN": return ApiErrorKind.Forbidden;
                case "RESOURCE_NOT_FOUND":
                case "NOT_FOUND": return ApiErrorKind.NotFound;
                case "CONFLICT":
                case "IDEMPOTENCY_CONFLICT": return ApiErrorKind.Conflict;
                case "VALIDATION_ERROR": return ApiErrorKind.Validation;
                case "RATE_LIMIT_EXCEEDED":
                case "RATE_LIMITED": return ApiErrorKind.RateLimited;
                case "INTERNAL_ERROR": return ApiErrorKind.ServerError;
                case "MODEL_NOT_AVAILABLE": return ApiErrorKind.ModelNotAvailable;
                case "JOB_FAILED": return ApiErrorKind.JobFailed;
                default: return ApiErrorKinds.FromStatus(statusCode);
            }
        }
    }
}
