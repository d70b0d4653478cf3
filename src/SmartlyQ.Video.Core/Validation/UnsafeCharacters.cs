using System.Globalization;
using System.Text;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// Characters that must never reach an HTTP header, a URL or a file name: C0 controls (NUL, TAB, LF, CR, …),
    /// DEL, C1 controls (U+0080–U+009F, including NEL U+0085) and the Unicode line and paragraph separators
    /// U+2028/U+2029. A CR or LF in a header value would end the header and start a new one on the wire.
    /// </summary>
    public static class UnsafeCharacters
    {
        /// <summary>True for a C0 or C1 control character, DEL, U+2028 or U+2029.</summary>
        public static bool IsUnsafe(char c)
            => c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';

        /// <summary>Index of the first unsafe character in <paramref name="value"/>, or -1 (also for null).</summary>
        public static int IndexOf(string? value)
        {
            if (value == null) return -1;
            for (int i = 0; i < value.Length; i++)
                if (IsUnsafe(value[i])) return i;
            return -1;
        }

        /// <summary>"CR (U+000D)", "LF (U+000A)", "NUL (U+0000)", "TAB (U+0009)", otherwise "U+XXXX": how messages name a character.</summary>
        public static string Name(char c)
        {
            string code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            switch (c)
            {
                case '\0': return "NUL (" + code + ")";
                case '\t': return "TAB (" + code + ")";
                case '\n': return "LF (" + code + ")";
                case '\r': return "CR (" + code + ")";
                case '\u007F': return "DEL (" + code + ")";
                case '\u0085': return "NEL (" + code + ")";
                case '\u2028': return "line separator (" + code + ")";
                case '\u2029': return "paragraph separator (" + code + ")";
                default: return code;
            }
        }

        /// <summary>
        /// <paramref name="value"/> as an error message may show it: unsafe characters as <c>\r</c>, <c>\n</c>,
        /// <c>\t</c>, <c>\0</c> or <c>\uXXXX</c> (so the message itself cannot forge log lines), cut to
        /// <paramref name="maxLength"/> characters with "…".
        /// </summary>
        public static string Show(string? value, int maxLength = 80)
        {
            if (value == null) return "";
            var text = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (text.Length >= maxLength)
                {
                    text.Append('…');
                    break;
                }

                switch (c)
                {
                    case '\r': text.Append("\\r"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\0': text.Append("\\0"); break;
                    default:
                        if (IsUnsafe(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }

            return text.ToString();
        }
    }
}
