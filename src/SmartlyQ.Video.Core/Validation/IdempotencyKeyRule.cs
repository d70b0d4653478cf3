using System.Globalization;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// What an idempotency key may hold before it is sent as a header (SmartlyQ's <c>X-Idempotency-Key</c>): 1 to
    /// <see cref="MaxLength"/> visible ASCII characters (U+0021–U+007E: letters, digits, punctuation; no spaces,
    /// control characters or line breaks), e.g. a GUID or <c>row-42</c>. The API documents no limit; this is the
    /// module's: the HTTP header grammar allows nothing else that is the same on every .NET runtime, and 255 is the
    /// usual ceiling for such keys.
    /// </summary>
    public static class IdempotencyKeyRule
    {
        /// <summary>Longest key accepted, in characters.</summary>
        public const int MaxLength = 255;

        private const string Allowed = "allowed: 1 to 255 visible ASCII characters (letters, digits and punctuation; no spaces, control characters or line breaks), e.g. a GUID.";

        /// <summary>
        /// Null when <paramref name="key"/> may be sent; otherwise why not, naming <paramref name="field"/>
        /// (e.g. <c>idempotency_key</c>), the offending character and position, the provider's
        /// <paramref name="header"/> (e.g. <c>X-Idempotency-Key</c>) when given, and what is allowed.
        /// </summary>
        public static string? Problem(string? key, string field, string? header = null)
        {
            if (string.IsNullOrEmpty(key)) return field + " is empty; " + Allowed;
            if (key!.Length > MaxLength)
                return field + " is " + key.Length.ToString(CultureInfo.InvariantCulture) + " characters long; " + Allowed;
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (c > ' ' && c < '\u007F') continue;
                string what = UnsafeCharacters.IsUnsafe(c) ? "the control character " + UnsafeCharacters.Name(c)
                    : c == ' ' ? "a space"
                    : "'" + c + "' (" + UnsafeCharacters.Name(c) + ")";
                return field + " '" + UnsafeCharacters.Show(key) + "' contains " + what + " at position "
                       + (i + 1).ToString(CultureInfo.InvariantCulture) + " (it is sent as " + (header == null ? "a header" : "the " + header + " header") + "); " + Allowed;
            }

            return null;
        }

        /// <summary>Returns <paramref name="key"/>; throws <see cref="System.ArgumentException"/> with <see cref="Problem"/> and ParamName <paramref name="field"/> when it may not be sent.</summary>
        public static string Validate(string? key, string field, string? header = null)
        {
            string? problem = Problem(key, field, header);
            if (problem != null) throw new System.ArgumentException(problem, field);
            return key!;
        }
    }
}
