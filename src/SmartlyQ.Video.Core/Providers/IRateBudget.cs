using System;
namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// Capability: the request budget of the key behind a provider, as the client has learned it from the API's
    /// rate-limit headers. The job tracker reads it to space its polls so that they never crowd out submissions.
    /// </summary>
    public interface IRateBudget
    {
        /// <summary>Requests the key may send per second on average (limit ÷ window); null until an answer has said.</summary>
        double? RequestsPerSecond { get; }
    }
}
