using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace SmartlyQ.Video.Completion
{
    /// <summary>Turns candidate values into completion results for the word being completed.</summary>
    internal static class CompletionResults
    {
        private const string SpecialCharacters = "'\"`$@(){}[];,|&<>#";

        /// <summary>
        /// The candidates that match <paramref name="wordToComplete"/> (a prefix, or a wildcard pattern when it has one;
        /// case-insensitive; an opening quote is ignored), in order, quoted as the word is or as PowerShell needs.
        /// Never null: an empty list also tells PowerShell not to offer file names instead.
        /// </summary>
        public static List<CompletionResult> From<T>(IEnumerable<T> candidates, string? wordToComplete, Func<T, string> value, Func<T, string>? listItem = null, Func<T, string>? toolTip = null)
        {
            string word = wordToComplete ?? "";
            char quote = word.Length > 0 && (word[0] == '\'' || word[0] == '"') ? word[0] : '\0';
            string typed = (quote == '\0' ? word : word.Substring(1)).TrimEnd(quote == '\0' ? ' ' : quote);
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(typed) ? typed : WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);

            var results = new List<CompletionResult>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (T candidate in candidates)
            {
                string text = value(candidate);
                if (string.IsNullOrEmpty(text) || !seen.Add(text) || !pattern.IsMatch(text)) continue;
                string item = listItem?.Invoke(candidate) ?? text;
                string tip = toolTip?.Invoke(candidate) ?? text;
                results.Add(new CompletionResult(Quote(text, quote), item, CompletionResultType.ParameterValue, string.IsNullOrEmpty(tip) ? text : tip));
            }

            return results;
        }

        /// <summary><paramref name="text"/> as it can stand on the command line, in the quotes the user opened, if any.</summary>
        internal static string Quote(string text, char quote)
        {
            if (quote == '"') return "\"" + text.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
            if (quote == '\'' || NeedsQuotes(text)) return "'" + text.Replace("'", "''") + "'";
            return text;
        }

        private static bool NeedsQuotes(string text)
        {
            if (text.Length == 0 || text[0] == '-') return true;
            foreach (char c in text)
                if (char.IsWhiteSpace(c) || SpecialCharacters.IndexOf(c) >= 0) return true;
            return false;
        }
    }
}
