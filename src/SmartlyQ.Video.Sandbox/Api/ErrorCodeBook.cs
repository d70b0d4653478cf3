using System;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>
    /// Maps error kinds to HTTP status and code. The OpenAPI spec and the docs' errors guide use
    /// different codes for 402/409/429 (API doc §3); <see cref="SandboxOptions.ErrorCodeStyle"/> picks one set.
    /// </summary>
    internal sealed class ErrorCodeBook
    {
        public ErrorCodeBook(string style)
        {
            if (string.Equals(style, "docs", StringComparison.OrdinalIgnoreCase)) DocsStyle = true;
            else if (!string.Equals(style, "openapi", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"ErrorCodeStyle must be 'openapi' or 'docs', not '{style}'.");
        }

        public bool DocsStyle { get; }

        public static int Status(ApiErrorKind kind) => kind switch
        {
            ApiErrorKind.BadRequest => 400,
            ApiErrorKind.Unauthorized => 401,
            ApiErrorKind.InsufficientBalance => 402,
            ApiErrorKind.Forbidden => 403,
            ApiErrorKind.NotFound => 404,
            ApiErrorKind.MethodNotAllowed => 405,
            ApiErrorKind.IdempotencyConflict => 409,
            ApiErrorKind.StateConflict => 409,
            ApiErrorKind.Validation => 422,
            ApiErrorKind.RateLimited => 429,
            _ => 500,
        };

        public string Code(ApiErrorKind kind) => kind switch
        {
            ApiErrorKind.BadRequest => "BAD_REQUEST",
            ApiErrorKind.Unauthorized => "UNAUTHORIZED",
            ApiErrorKind.InsufficientBalance => DocsStyle ? "INSUFFICIENT_CREDITS" : "INSUFFICIENT_BALANCE",
            ApiErrorKind.Forbidden => "FORBIDDEN",
            ApiErrorKind.NotFound => "RESOURCE_NOT_FOUND",
            // Neither source has a code for 405; BAD_REQUEST is the closest documented one.
            ApiErrorKind.MethodNotAllowed => "BAD_REQUEST",
            ApiErrorKind.IdempotencyConflict => DocsStyle ? "IDEMPOTENCY_CONFLICT" : "CONFLICT",
            // The docs set only has an idempotency-specific 409 code; other conflicts keep CONFLICT.
            ApiErrorKind.StateConflict => "CONFLICT",
            ApiErrorKind.Validation => "VALIDATION_ERROR",
            ApiErrorKind.RateLimited => DocsStyle ? "RATE_LIMITED" : "RATE_LIMIT_EXCEEDED",
            _ => "INTERNAL_ERROR",
        };
    }
}
