using System.Globalization;

namespace SmartlyQ.Video.Bench
{
    internal static class Format
    {
        private static readonly CultureInfo C = CultureInfo.InvariantCulture;

        public static string Size(long bytes)
        {
            if (bytes >= 1L << 30) return (bytes / (double)(1L << 30)).ToString("0.0#", C) + " GiB";
            if (bytes >= 1L << 20) return (bytes / (double)(1L << 20)).ToString("0.0", C) + " MiB";
            if (bytes >= 1L << 10) return (bytes / (double)(1L << 10)).ToString("0.0", C) + " KiB";
            return bytes.ToString(C) + " B";
        }

        public static string Bytes(long? bytes) => bytes is long b ? (b < 10_000 ? b.ToString("N0", C) + " B" : Size(b)) : "n/a";

        public static string Seconds(TimeSpan time) => time.TotalSeconds < 0.1
            ? (time.TotalMilliseconds).ToString("0.0", C) + " ms"
            : time.TotalSeconds.ToString("0.00", C) + " s";

        public static string Number(double value, string format = "0.00") => value.ToString(format, C);

        public static string Nanoseconds(double? ns)
        {
            if (ns is not double n) return "n/a";
            if (n >= 1_000_000) return (n / 1_000_000).ToString("0.00", C) + " ms";
            if (n >= 1_000) return (n / 1_000).ToString("0.00", C) + " µs";
            return n.ToString("0.0", C) + " ns";
        }
    }
}
