using System;
namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>How one submission is sent.</summary>
    public sealed class SubmitOptions
    {
        /// <summary>No idempotency key.</summary>
        public static readonly SubmitOptions None = new SubmitOptions();

        /// <summary>
        /// The idempotency key (1–255 visible ASCII characters), sent on every attempt by
        /// <see cref="IIdempotentSubmission"/> providers so a retry cannot charge twice; ignored by other providers.
        /// Null: such a provider refuses the submission with <see cref="System.ArgumentException"/>.
        /// </summary>
        public string? IdempotencyKey { get; init; }
    }
}
