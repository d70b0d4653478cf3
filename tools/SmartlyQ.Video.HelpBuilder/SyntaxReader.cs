using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using SmartlyQ.Video.HelpBuilder.Model;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// Reads a SYNTAX code block the way Get-Command writes syntax: the command name, then one element per
    /// parameter, <c>-Name &lt;Type&gt;</c> when mandatory, <c>[-Name &lt;Type&gt;]</c> when optional,
    /// <c>[-Name] &lt;Type&gt;</c> or <c>[[-Name] &lt;Type&gt;]</c> when positional, <c>[-Switch]</c>, and
    /// <c>[&lt;CommonParameters&gt;]</c>.
    /// </summary>
    internal static class SyntaxReader
    {
        // One element with its outer brackets removed: an optional "[-Name]" (positional) or "-Name", then a value.
        private static readonly Regex Element = new Regex(
            @"^(?:\[-(?<positional>[A-Za-z0-9_]+)\]|-(?<named>[A-Za-z0-9_]+))(?:\s+(?:<(?<type>[^<>]+)>|\{(?<set>[^{}]+)\}))?$",
            RegexOptions.CultureInvariant);

        /// <summary>Reads <paramref name="code"/> into <paramref name="set"/>; returns what could not be read.</summary>
        public static List<string> Read(string code, string commandName, SyntaxSet set)
        {
            var errors = new List<string>();
            List<string> elements = Split(code, errors);
            if (elements.Count == 0 || elements[0] != commandName)
            {
                errors.Add($"the syntax must start with the command name '{commandName}'");
                return errors;
            }

            for (int i = 1; i < elements.Count; i++)
            {
                string element = elements[i];
                if (element == "[<CommonParameters>]")
                {
                    set.HasCommonParameters = true;
                    continue;
                }
                bool optional = element.StartsWith("[") && element.EndsWith("]") && !IsBareName(element);
                string inner = optional ? element.Substring(1, element.Length - 2).Trim() : element;
                Match match = Element.Match(inner);
                if (!match.Success)
                {
                    errors.Add($"cannot read '{element}' (expected -Name <Type>, [-Name <Type>], [[-Name] <Type>] or [-Switch])");
                    continue;
                }
                bool positional = match.Groups["positional"].Success;
                string name = positional ? match.Groups["positional"].Value : match.Groups["named"].Value;
                bool hasValue = match.Groups["type"].Success || match.Groups["set"].Success;
                if (positional && !hasValue)
                {
                    // "[-Force]": an optional switch, not a positional name.
                    positional = false;
                    optional = true;
                }
                set.Parameters.Add(new SyntaxParameter
                {
                    Name = name,
                    Type = match.Groups["type"].Success ? match.Groups["type"].Value.Trim() : null,
                    IsOptional = optional,
                    IsPositional = positional,
                });
            }
            return errors;
        }

        // "[-Name]" alone is one bracket pair around a name, not an optional element around "-Name".
        private static bool IsBareName(string element) => Regex.IsMatch(element, @"^\[-[A-Za-z0-9_]+\]$");

        /// <summary>Splits at top-level whitespace; brackets, braces and angle brackets group.</summary>
        private static List<string> Split(string code, List<string> errors)
        {
            var elements = new List<string>();
            var current = new StringBuilder();
            int depth = 0;
            foreach (char c in code)
            {
                if (c == '[' || c == '<' || c == '{') depth++;
                if (c == ']' || c == '>' || c == '}') depth--;
                if (depth < 0)
                {
                    errors.Add($"unbalanced '{c}'");
                    return elements;
                }
                if (char.IsWhiteSpace(c) && depth == 0)
                {
                    if (current.Length > 0) elements.Add(current.ToString());
                    current.Clear();
                    continue;
                }
                // A wrapped line continues the element; keep one space inside it.
                if (char.IsWhiteSpace(c))
                {
                    if (current.Length > 0 && current[current.Length - 1] != ' ') current.Append(' ');
                    continue;
                }
                current.Append(c);
            }
            if (depth != 0)
                errors.Add("unbalanced brackets");
            if (current.Length > 0)
                elements.Add(current.ToString());
            return JoinValues(elements);
        }

        // "[-Name]" and "<Type>" are split apart at depth 0 for a mandatory positional parameter; rejoin them.
        private static List<string> JoinValues(List<string> elements)
        {
            var joined = new List<string>();
            foreach (string element in elements)
            {
                if ((element.StartsWith("<") || element.StartsWith("{")) && joined.Count > 0 && element != "<CommonParameters>")
                    joined[joined.Count - 1] += " " + element;
                else
                    joined.Add(element);
            }
            return joined;
        }
    }
}
