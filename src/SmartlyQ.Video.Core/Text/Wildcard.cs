using System.Text;
using System.Text.RegularExpressions;

namespace SmartlyQ.Video.Core.Text
{
    /// <summary>
    /// PowerShell-style wildcard (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, backtick escape), case-insensitive,
    /// whole-string match. Core has no PowerShell types, so this mirrors WildcardPattern's rules.
    /// </summary>
    public sealed class Wildcard
    {
        private readonly Regex _regex;

        /// <summary>Compiles <paramref name="pattern"/>.</summary>
        public Wildcard(string pattern)
        {
            Pattern = pattern;
            _regex = new Regex(ToRegex(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        /// <summary>The pattern as given.</summary>
        public string Pattern { get; }

        /// <summary>True when the pattern has <c>*</c>, <c>?</c> or <c>[</c> (unescaped).</summary>
        public bool HasWildcards => ContainsWildcards(Pattern);

        /// <summary>Whether <paramref name="text"/> matches the whole pattern.</summary>
        public bool IsMatch(string text) => _regex.IsMatch(text);

        /// <summary>True when <paramref name="pattern"/> has an unescaped wildcard character.</summary>
        public static bool ContainsWildcards(string pattern)
        {
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`') { i++; continue; }
                if (c == '*' || c == '?' || c == '[') return true;
            }

            return false;
        }

        private static string ToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '`' when i + 1 < pattern.Length:
                        sb.Append(Regex.Escape(pattern[++i].ToString()));
                        break;
                    case '*':
                        sb.Append(".*");
                        break;
                    case '?':
                        sb.Append('.');
                        break;
                    case '[':
                        int close = pattern.IndexOf(']', i + 1);
                        if (close < 0)
                        {
                            sb.Append(Regex.Escape("["));
                            break;
                        }

                        string set = pattern.Substring(i + 1, close - i - 1).Replace("\\", "\\\\").Replace("^", "\\^");
                        sb.Append('[').Append(set).Append(']');
                        i = close;
                        break;
                    default:
                        sb.Append(Regex.Escape(c.ToString()));
                        break;
                }
            }

            return sb.Append('$').ToString();
        }
    }
}
