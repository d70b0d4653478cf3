using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace SmartlyQ.Video.Core.Resilience
{
    /// <summary>Reads <c>Retry-After</c> as delta seconds (<c>12</c>) or an HTTP date.</summary>
    internal static class RetryAfterHeader
    {
        /// <summary>The wait the server asked for (never negative); null when absent or unreadable.</summary>
        public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider timeProvider)
        {
            if (response == null) return null;
            var typed = response.Headers.RetryAfter;
            if (typed?.Delta != null) return NonNegative(typed.Delta.Value);
            if (typed?.Date != null) return NonNegative(typed.Date.Value - timeProvider.GetUtcNow());

            // The typed parser rejects fractions such as "1.5"; accept them by hand.
            if (response.Headers.TryGetValues("Retry-After", out var raw)
                && double.TryParse(raw.FirstOrDefault()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
                && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
                return TimeSpan.FromSeconds(seconds);
            return null;
        }

        private static TimeSpan NonNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
    }
}
