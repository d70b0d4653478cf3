using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// Save-SqVideo's -FileName: a plain name or a template with <c>{job_uid}</c> and <c>{model}</c> (case-insensitive);
    /// default <c>{job_uid}.mp4</c>. Any other <c>{…}</c> is refused, so <c>{prompt}.mp4</c> never becomes a file of that
    /// name. The result is always a bare file name inside -Path: separators, <c>..</c>, rooted paths and characters invalid
    /// on Windows or Unix are refused, so a name can never write outside the folder.
    /// </summary>
    public static class FileNameTemplate
    {
        /// <summary>The default template.</summary>
        public const string Default = "{job_uid}.mp4";

        /// <summary>The placeholders a template may hold, as written in it.</summary>
        public static readonly IReadOnlyList<string> Placeholders = new[] { "{job_uid}", "{model}" };

        private static readonly Regex Placeholder = new Regex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant);

        // Invalid on Windows, plus the Unix separator; checked everywhere so a script behaves alike on every OS.
        private static readonly char[] Invalid = "<>:\"/\\|?*".ToCharArray().Concat(Enumerable.Range(0, 32).Select(i => (char)i)).ToArray();

        /// <summary>
        /// Throws <see cref="ArgumentException"/> naming <c>FileName</c> when <paramref name="template"/> holds a
        /// placeholder other than <see cref="Placeholders"/>; the message lists the valid ones. Null is the default.
        /// </summary>
        public static void Validate(string? template)
        {
            if (template == null) return;
            string[] unknown = Placeholder.Matches(template).Cast<Match>()
                .Select(m => m.Value)
                .Where(p => !Placeholders.Contains(p, StringComparer.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (unknown.Length == 0) return;
            throw new ArgumentException(
                "FileName '" + UnsafeCharacters.Show(template) + "' has the unknown placeholder" + (unknown.Length == 1 ? " " : "s ") + string.Join(", ", unknown)
                + "; valid placeholders: " + string.Join(", ", Placeholders) + " (e.g. '{model}-{job_uid}.mp4').", "FileName");
        }

        /// <summary>
        /// The file name for <paramref name="job"/>; adds <c>.mp4</c> when there is no extension.
        /// Throws <see cref="ArgumentException"/> naming <c>FileName</c> when the template has an unknown placeholder
        /// (<see cref="Validate"/>) or the result is not a safe bare name, including when it holds a control character,
        /// DEL, a C1 control or U+2028/U+2029 (shown escaped).
        /// </summary>
        public static string Expand(string? template, VideoJob job)
        {
            Validate(template);
            string expanded = Placeholder.Replace(template ?? Default, match =>
                string.Equals(match.Value, "{job_uid}", StringComparison.OrdinalIgnoreCase) ? job.JobUid
                : string.Equals(match.Value, "{model}", StringComparison.OrdinalIgnoreCase) ? job.Model ?? "model"
                : match.Value);
            // Checked before trimming: a trailing CR/LF or NEL is refused, not silently dropped.
            int bad = UnsafeCharacters.IndexOf(expanded);
            if (bad >= 0)
                throw new ArgumentException("FileName '" + UnsafeCharacters.Show(expanded) + "' contains the control character " + UnsafeCharacters.Name(expanded[bad])
                    + " at position " + (bad + 1) + "; -FileName must be a plain file name without control characters or line breaks ({job_uid} and {model} are replaced).", "FileName");
            string name = expanded.Trim();
            if (name.Length == 0)
                throw new ArgumentException("FileName is empty.", "FileName");
            if (name.IndexOfAny(Invalid) >= 0 || Path.IsPathRooted(name))
                throw new ArgumentException("FileName '" + name + "' must be a plain file name: no folders, drive or characters < > : \" / \\ | ? *. Use -Path for the folder; {job_uid} and {model} are replaced.", "FileName");
            if (name == "." || name == ".." || name.EndsWith(".", StringComparison.Ordinal))
                throw new ArgumentException("FileName '" + name + "' is not a valid file name.", "FileName");
            return Path.HasExtension(name) ? name : name + ".mp4";
        }
    }
}
