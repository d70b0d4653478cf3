using System;
using System.Globalization;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// The durations of OpenAI's <c>x-ratelimit-reset-*</c> headers, in Go's <c>time.Duration</c> style: <c>20ms</c>,
    /// <c>1s</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h2m3.5s</c> (units h, m, s, ms, us/µs, ns; a plain number is seconds).
    /// </summary>
    internal static class OpenAIDuration
    {
        /// <summary>The duration, or null when <paramref name="text"/> is empty, negative or not of that form.</summary>
        public static TimeSpan? Parse(string? text)
        {
            string s = (text ?? "").Trim();
            if (s.Length == 0) return null;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain))
                return plain >= 0 && plain < 1e9 ? TimeSpan.FromSeconds(plain) : (TimeSpan?)null;

            double ms = 0;
            int i = 0;
            while (i < s.Length)
            {
                int start = i;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
                if (i == start || !double.TryParse(s.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double number)) return null;
                int unitStart = i;
                while (i < s.Length && !char.IsDigit(s[i]) && s[i] != '.') i++;
                double? factor = s.Substring(unitStart, i - unitStart) switch
                {
                    "h" => 3_600_000,
                    "m" => 60_000,
                    "s" => 1000,
                    "ms" => 1,
                    "us" => 0.001,
                    "µs" => 0.001,
                    "ns" => 0.000001,
                    _ => (double?)null,
                };
                if (factor == null) return null;
                ms += number * factor.Value;
            }

            return ms < 1e12 ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        }
    }
}
