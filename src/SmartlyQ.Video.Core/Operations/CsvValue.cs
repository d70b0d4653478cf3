using System;
using System.Globalization;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Converts values as they arrive from Import-Csv (always strings, empty cells as "") to the typed request
    /// fields. PowerShell's own binding refuses "true" for a bool and "" for an int, so the cmdlets call these.
    /// Errors are <see cref="ArgumentException"/>s whose message names the field and what it accepts.
    /// </summary>
    public static class CsvValue
    {
        /// <summary>"10" → 10; null, "" or blanks → null; anything else → <see cref="ArgumentException"/>.</summary>
        public static int? ToNullableInt32(object? value, string field)
        {
            long? wide = ToNullableInt64(value, field);
            if (wide == null) return null;
            if (wide < int.MinValue || wide > int.MaxValue)
                throw new ArgumentException(field + " must be a whole number between " + int.MinValue + " and " + int.MaxValue + "; got '" + wide + "'.", field);
            return (int)wide.Value;
        }

        /// <summary>"42" → 42L; null, "" or blanks → null; anything else → <see cref="ArgumentException"/>.</summary>
        public static long? ToNullableInt64(object? value, string field)
        {
            switch (value)
            {
                case null: return null;
                case int i: return i;
                case long l: return l;
                case short s: return s;
                case byte b: return b;
                case double d when d == Math.Floor(d) && !double.IsInfinity(d): return (long)d;
                case decimal m when m == decimal.Truncate(m): return (long)m;
            }

            string text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
            if (text.Length == 0) return null;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)) return parsed;
            throw new ArgumentException(field + " must be a whole number (for example 5 or 10); got '" + text + "'.", field);
        }

        /// <summary>true/false, yes/no, 1/0, $true/$false (any case) → bool; null, "" or blanks → null; else <see cref="ArgumentException"/>.</summary>
        public static bool? ToNullableBoolean(object? value, string field)
        {
            switch (value)
            {
                case null: return null;
                case bool b: return b;
                case int i when i == 0 || i == 1: return i == 1;
            }

            string text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim().ToLowerInvariant() ?? "";
            switch (text)
            {
                case "": return null;
                case "true": case "$true": case "yes": case "y": case "1": return true;
                case "false": case "$false": case "no": case "n": case "0": return false;
            }

            throw new ArgumentException(field + " must be true or false (also yes/no, 1/0); got '" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'.", field);
        }

        /// <summary>Trims; null, "" and blanks → null (an empty CSV cell means "not given").</summary>
        public static string? ToNullableString(string? value)
        {
            if (value == null) return null;
            string trimmed = value.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }
    }
}
