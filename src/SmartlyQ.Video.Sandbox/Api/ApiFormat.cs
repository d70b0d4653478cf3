using System;
using System.Globalization;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>Wire formats the doc fixes: money as 4-decimal strings, ISO-8601 UTC timestamps.</summary>
    internal static class ApiFormat
    {
        public static string Money(decimal value) =>
            decimal.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture);

        public static string Timestamp(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Millisecond precision, for the sandbox-only ledger where order within a second matters.</summary>
        public static string PreciseTimestamp(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
