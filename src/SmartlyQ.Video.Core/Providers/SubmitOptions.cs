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

        /// <summary>
        /// New-SqVideo -ThrottleLimit: for a provider that runs each generation as one long request in the background
        /// (A4F's synchronous endpoint), how many of those requests may run at once (1–32); further submissions wait
        /// for a slot. Null: the provider's default (4). Ignored by providers whose submissions return a job at once.
        /// </summary>
        public int? ThrottleLimit { get; init; }
    }
}
