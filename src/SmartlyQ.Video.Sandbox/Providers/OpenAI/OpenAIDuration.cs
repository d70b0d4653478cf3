using System;
using System.Globalization;
using System.Text;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// The duration format of OpenAI's <c>x-ratelimit-reset-*</c> headers (Go's <c>time.Duration</c> style):
    /// <c>850ms</c> under a second, else <c>1s</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h2m3s</c>; millisecond precision.
    /// </summary>
    internal static class OpenAIDuration
    {
        public static string Format(TimeSpan value)
        {
            var ms = (long)Math.Ceiling(Math.Max(0, value.TotalMilliseconds));
            if (ms < 1000) return ms.ToString(CultureInfo.InvariantCulture) + "ms";

            var text = new StringBuilder();
            var hours = ms / 3_600_000;
            var minutes = ms / 60_000 % 60;
            var secondsMs = ms % 60_000;
            if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
            if (hours > 0 || minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            // Seconds keep up to three decimals, trailing zeros dropped: 1.5s, 17.28s, 0s.
            text.Append((secondsMs / 1000m).ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
            return text.ToString();
        }
    }
}
