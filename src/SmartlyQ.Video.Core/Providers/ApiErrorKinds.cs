using System;
namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>The neutral <see cref="ApiErrorKind"/> an HTTP status implies, for providers whose answer has no known code.</summary>
    public static class ApiErrorKinds
    {
        /// <summary>400 → BadRequest, 401, 402, 403, 404, 409, 422, 429 → their kinds, 5xx → ServerError, else Unknown.</summary>
        public static ApiErrorKind FromStatus(int statusCode)
        {
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
