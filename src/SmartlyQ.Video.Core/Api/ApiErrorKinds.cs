namespace SmartlyQ.Video.Core.Api
{
    /// <summary>Maps an HTTP status and <c>error.code</c> to an <see cref="ApiErrorKind"/>.</summary>
    public static class ApiErrorKinds
    {
        /// <summary>The code decides when known (either code set); otherwise the HTTP status does.</summary>
        public static ApiErrorKind From(int statusCode, string? errorCode)
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
            }

            switch (statusCode)
            {
                case 400: return ApiErrorKind.BadRequest;
                case 401: return ApiErrorKind.Unauthorized;
                case 402: return ApiErrorKind.InsufficientBalance;
                case 403: return ApiErrorKind.Forbidden;
                case 404: return ApiErrorKind.NotFound;
                case 409: return ApiErrorKind.Conflict;
                case 422: return ApiErrorKind.Validation;
                case 429: return ApiErrorKind.RateLimited;
                default: return statusCode >= 500 ? ApiErrorKind.ServerError : ApiErrorKind.Unknown;
            }
        }
    }
}
