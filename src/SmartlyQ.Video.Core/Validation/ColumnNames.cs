using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmartlyQ.Video.Core.Text;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// The column names an input object may carry (each parameter's name and aliases, as PowerShell binds them:
    /// case-insensitively) and the check that catches the column PowerShell would silently ignore. A column that is
    /// no known name but equals one once case, spaces, <c>-</c> and <c>_</c> are ignored (<c>aspect ratio</c>,
    /// <c>Aspect-Ratio</c>), or is one typo (insertion, deletion, substitution or swap of neighbours) from a name
    /// of at least <see cref="TypoMinimumLength"/> characters (<c>aspect_ration</c>, <c>promtp</c>), is a mismatch.
    /// Shorter names get no typo check, so <c>note</c> is not taken for <c>mode</c>. More names can be added for
    /// columns handled elsewhere (provider options).
    /// </summary>
    public sealed class ColumnNames
    {
        /// <summary>Names shorter than this (after normalizing) are matched exactly only.</summary>
        public const int TypoMinimumLength = 6;

        private readonly Dictionary<string, string> _exact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<KnownName> _normalized = new List<KnownName>();
        private readonly Dictionary<string, List<string>> _namesOf = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Adds <paramref name="parameter"/>, which binds from a column of that name or any of <paramref name="aliases"/>.</summary>
        public ColumnNames Add(string parameter, IEnumerable<string> aliases)
        {
            if (string.IsNullOrWhiteSpace(parameter)) throw new ArgumentException("A parameter name is required.", nameof(parameter));
            if (!_namesOf.TryGetValue(parameter, out List<string>? names))
                _namesOf[parameter] = names = new List<string>();

            foreach (string name in new[] { parameter }.Concat(aliases ?? Enumerable.Empty<string>()))
            {
                if (string.IsNullOrEmpty(name) || _exact.ContainsKey(name)) continue;
                _exact[name] = parameter;
                _normalized.Add(new KnownName(Normalize(name), parameter));
                names.Add(name);
            }

            return this;
        }

        /// <summary>True when a column of this name binds (case-insensitive).</summary>
        public bool IsKnown(string column) => _exact.ContainsKey(column);

        /// <summary>Sorts the property names of one input object into known, mismatched and unknown.</summary>
        public ColumnCheck Check(IEnumerable<string> columns)
        {
            var mismatches = new List<ColumnMismatch>();
            var unknown = new List<string>();
            foreach (string column in columns ?? Enumerable.Empty<string>())
            {
                if (string.IsNullOrEmpty(column) || IsKnown(column)) continue;
                string? parameter = Resemble(Normalize(column));
                if (parameter == null)
                    unknown.Add(column);
                else
                    mismatches.Add(new ColumnMismatch(column, parameter, Suggest(parameter)));
            }

            return new ColumnCheck(mismatches, unknown);
        }

        private string? Resemble(string column)
        {
            if (column.Length == 0) return null;
            KnownName? same = _normalized.FirstOrDefault(k => k.Normalized == column);
            if (same != null) return same.Parameter;
            KnownName? typo = _normalized.FirstOrDefault(k => k.Normalized.Length >= TypoMinimumLength && EditDistance.Osa(column, k.Normalized) == 1);
            return typo?.Parameter;
        }

        /// <summary>The names that bind to <paramref name="parameter"/>, snake_case first (as a CSV header would use).</summary>
        private string Suggest(string parameter)
            => string.Join(" or ", _namesOf[parameter].OrderBy(n => n.IndexOf('_') >= 0 ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal));

        /// <summary>Lower case without spaces, <c>-</c> and <c>_</c>.</summary>
        private static string Normalize(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (char c in name)
                if (!char.IsWhiteSpace(c) && c != '-' && c != '_')
                    text.Append(char.ToLowerInvariant(c));
            return text.ToString();
        }

        private sealed class KnownName
        {
            public KnownName(string normalized, string parameter)
            {
                Normalized = normalized;
                Parameter = parameter;
            }

            public string Normalized { get; }
            public string Parameter { get; }
        }
    }
}
