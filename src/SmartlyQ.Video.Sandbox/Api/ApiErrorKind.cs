namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>What went wrong, independent of which documented code set names it.</summary>
    internal enum ApiErrorKind
    {
        BadRequest,
        Unauthorized,
        InsufficientBalance,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        IdempotencyConflict,
        StateConflict,
        Validation,
        RateLimited,
        Internal,
    }
}
