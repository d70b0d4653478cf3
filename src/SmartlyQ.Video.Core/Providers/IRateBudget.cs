namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// The request budget of the API key behind a provider, as the client has learned it from the
    /// <c>X-RateLimit-Limit</c>/<c>-Remaining</c>/<c>-Reset</c> headers. The job tracker reads it to space its polls
    /// so that they never crowd out submissions.
    /// </summary>
    public interface IRateBudget
    {
        /// <summary>Requests the key may send per second on average (limit ÷ window); null until an answer has said.</summary>
        double? RequestsPerSecond { get; }
    }
}
