using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// What one answer says about the key's request budget, in neutral terms, as a provider's
    /// <see cref="Transport.IRateLimitReader"/> reads it from that API's headers: requests per window, requests left,
    /// when the window ends (Unix seconds on the server's clock), the answer's <c>Date</c> (so the reset is measured on
    /// the server's clock, not ours) and the window's length where the API says it. Missing or unreadable values are null.
    /// </summary>
    internal readonly struct RateLimitInfo
    {
        // A reset further than this from the server's "now" is not a window end (a garbled header).
        private const double PlausibleResetSeconds = 366 * 24 * 3600;

        private RateLimitInfo(long? limit, long? remaining, long? reset, DateTimeOffset? date, TimeSpan? window)
        {
            Limit = limit;
            Remaining = remaining;
            Reset = reset;
            Date = date;
            Window = window;
        }

        /// <summary>Requests the key may send per window (positive), or null.</summary>
        public long? Limit { get; }

        /// <summary>Requests left in the window when the server answered (0 or more), or null.</summary>
        public long? Remaining { get; }

        /// <summary>Unix seconds (server clock) at which the window ends, or null.</summary>
        public long? Reset { get; }

        /// <summary>The answer's <c>Date</c> header (the server's clock, whole seconds), or null.</summary>
        public DateTimeOffset? Date { get; }

        /// <summary>The window's length where the API states it (e.g. requests per minute), or null.</summary>
        public TimeSpan? Window { get; }

        /// <summary>True when the answer carried a limit, a remaining count or a reset.</summary>
        public bool Any => Limit.HasValue || Remaining.HasValue || Reset.HasValue;

        /// <summary>
        /// From a reset given as a point in time, <paramref name="resetUnixSeconds"/> (e.g. SmartlyQ's
        /// <c>X-RateLimit-Reset</c>). A limit below 1, a negative remaining count and a reset more than a year from the
        /// server's now are dropped; a fractional reset is rounded up (waiting a little longer is safe, shorter is not).
        /// </summary>
        public static RateLimitInfo AtReset(double? limit, double? remaining, double? resetUnixSeconds, DateTimeOffset? date, DateTimeOffset now, TimeSpan? window = null)
        {
            double serverNow = date?.ToUnixTimeSeconds() ?? now.ToUnixTimeSeconds();
            long? reset = resetUnixSeconds.HasValue && Math.Abs(resetUnixSeconds.Value - serverNow) <= PlausibleResetSeconds
                ? (long)Math.Ceiling(resetUnixSeconds.Value)
                : (long?)null;
            return new RateLimitInfo(Positive(limit), Count(remaining), reset, date, window);
        }

        /// <summary>
        /// From a reset given as a duration from the answer, <paramref name="resetAfter"/> (e.g. OpenAI's
        /// <c>x-ratelimit-reset-requests: 6m0s</c>): measured from the answer's <c>Date</c> (else <paramref name="now"/>)
        /// and rounded up to the second. Negative or implausibly long durations are dropped.
        /// </summary>
        public static RateLimitInfo AfterReset(double? limit, double? remaining, TimeSpan? resetAfter, DateTimeOffset? date, DateTimeOffset now, TimeSpan? window = null)
        {
            double? reset = null;
            if (resetAfter is TimeSpan after && after >= TimeSpan.Zero && after.TotalSeconds <= PlausibleResetSeconds)
                reset = (date ?? now).ToUnixTimeMilliseconds() / 1000.0 + after.TotalSeconds;
            return AtReset(limit, remaining, reset, date, now, window);
        }

        /// <summary>
        /// The server's clock minus ours, as far as this answer shows it: <c>Date − now</c>. <c>Date</c> is whole
        /// seconds and was stamped before the answer arrived, so the true offset is at least this; the largest value
        /// over many answers is the tightest bound. Null without a <c>Date</c>.
        /// </summary>
        public TimeSpan? ClockOffset(DateTimeOffset now) => Date.HasValue ? Date.Value - now : (TimeSpan?)null;

        /// <summary>
        /// When the window ends on our clock, given <paramref name="clockOffset"/> (server minus local; zero when
        /// unknown): <c>Reset − offset</c>. A lower bound of the offset gives a time no earlier than the real one.
        /// </summary>
        public DateTimeOffset LocalReset(TimeSpan clockOffset)
            => DateTimeOffset.FromUnixTimeSeconds(Reset ?? 0) - clockOffset;

        /// <summary>The header's first value as a number ("60", "60.0", "1767225660"); null when absent or not a finite number.</summary>
        public static double? HeaderNumber(HttpResponseMessage response, string name)
        {
            if (!response.Headers.TryGetValues(name, out IEnumerable<string>? values)) return null;
            string? text = values.FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return null;
            return double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e15 ? (double?)null : value;
        }

        private static long? Positive(double? value) => value >= 1 ? (long)Math.Floor(value.Value) : (long?)null;

        private static long? Count(double? value) => value.HasValue ? (long)Math.Max(0, Math.Floor(value.Value)) : (long?)null;
    }
}
