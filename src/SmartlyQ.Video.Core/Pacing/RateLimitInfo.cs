using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// The rate-limit headers of one answer: <c>X-RateLimit-Limit</c> (requests per window),
    /// <c>X-RateLimit-Remaining</c> (left in the current window), <c>X-RateLimit-Reset</c> (Unix seconds when the
    /// window ends) and the answer's <c>Date</c>, so the reset is measured on the server's clock, not ours.
    /// Missing or unreadable values are null.
    /// </summary>
    internal readonly struct RateLimitInfo
    {
        // A Reset further than this from the server's "now" is not a window end (a garbled header).
        private const double PlausibleResetSeconds = 366 * 24 * 3600;

        public RateLimitInfo(long? limit, long? remaining, long? reset, DateTimeOffset? date)
        {
            Limit = limit;
            Remaining = remaining;
            Reset = reset;
            Date = date;
        }

        /// <summary>Requests the key may send per window (positive), or null.</summary>
        public long? Limit { get; }

        /// <summary>Requests left in the window when the server answered (0 or more), or null.</summary>
        public long? Remaining { get; }

        /// <summary>Unix seconds at which the window ends, or null.</summary>
        public long? Reset { get; }

        /// <summary>The answer's <c>Date</c> header (the server's clock, whole seconds), or null.</summary>
        public DateTimeOffset? Date { get; }

        /// <summary>True when the answer carried at least one of the three rate-limit headers.</summary>
        public bool Any => Limit.HasValue || Remaining.HasValue || Reset.HasValue;

        /// <summary>Reads the headers of <paramref name="response"/> received at <paramref name="now"/>; never throws.</summary>
        public static RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now)
        {
            double? limit = Number(response, "X-RateLimit-Limit");
            double? remaining = Number(response, "X-RateLimit-Remaining");
            double? reset = Number(response, "X-RateLimit-Reset");
            DateTimeOffset? date = response.Headers.Date;
            double serverNow = date?.ToUnixTimeSeconds() ?? now.ToUnixTimeSeconds();
            return new RateLimitInfo(
                limit >= 1 ? (long)Math.Floor(limit.Value) : (long?)null,
                remaining.HasValue ? (long)Math.Max(0, Math.Floor(remaining.Value)) : (long?)null,

                // A fractional reset is rounded up: waiting a little longer is safe, a little shorter is not.
                reset.HasValue && Math.Abs(reset.Value - serverNow) <= PlausibleResetSeconds ? (long)Math.Ceiling(reset.Value) : (long?)null,
                date);
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
        private static double? Number(HttpResponseMessage response, string name)
        {
            if (!response.Headers.TryGetValues(name, out IEnumerable<string>? values)) return null;
            string? text = values.FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return null;
            return double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e15 ? (double?)null : value;
        }
    }
}
