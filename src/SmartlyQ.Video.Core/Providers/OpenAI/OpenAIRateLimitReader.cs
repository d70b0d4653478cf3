using System;
using System.Linq;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// OpenAI's request budget headers: <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c> and
    /// <c>x-ratelimit-reset-requests</c> (a duration such as <c>6m0s</c> until the budget is whole again), with the
    /// answer's <c>Date</c>. Gateways send none; then nothing is learned and only Retry-After paces.
    /// </summary>
    internal sealed class OpenAIRateLimitReader : IRateLimitReader
    {
        public const string LimitHeader = "x-ratelimit-limit-requests";
        public const string RemainingHeader = "x-ratelimit-remaining-requests";
        public const string ResetHeader = "x-ratelimit-reset-requests";

        /// <inheritdoc />
        public RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now)
        {
            string? reset = response.Headers.TryGetValues(ResetHeader, out var values) ? values.FirstOrDefault() : null;
            return RateLimitInfo.AfterReset(
                RateLimitInfo.HeaderNumber(response, LimitHeader),
                RateLimitInfo.HeaderNumber(response, RemainingHeader),
                OpenAIDuration.Parse(reset),
                response.Headers.Date,
                now);
        }

        /// <inheritdoc />
        public bool IsLimiterRefusal(HttpResponseMessage response) => false;
    }
}
