using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.HelpBuilder.Model;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// Checks that SYNTAX and PARAMETERS tell the same story: every parameter in a syntax block is documented, every
    /// documented parameter is in the block of each of its sets (and no other), and the brackets agree with
    /// Required and Position, the types with Type.
    /// </summary>
    internal static class SyntaxCheck
    {
        /// <summary>
        /// The disagreements between <paramref name="help"/>'s syntax and its parameters; the
        /// <paramref name="unreadable"/> parameters (whose section was faulty, already reported) are left out.
        /// </summary>
        public static IEnumerable<HelpError> Check(string file, CommandHelp help, IReadOnlyDictionary<string, int?> parameterLines, ISet<string> unreadable)
        {
            var documented = help.Parameters.ToDictionary(parameter => parameter.Name, StringComparer.OrdinalIgnoreCase);
            var setNames = new HashSet<string>(help.Syntax.Select(set => set.Name), StringComparer.OrdinalIgnoreCase);

            foreach (SyntaxSet set in help.Syntax)
            {
                int? syntaxLine = set.Line;
                string where = set.Name == SyntaxSet.AllSets ? "SYNTAX" : $"SYNTAX > {set.Name}";
                foreach (IGrouping<string, SyntaxParameter> twice in set.Parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                    yield return new HelpError(file, where, $"-{twice.Key} is listed twice", syntaxLine);

                foreach (SyntaxParameter listed in set.Parameters.Where(listed => !unreadable.Contains(listed.Name)))
                {
                    if (!documented.TryGetValue(listed.Name, out ParameterHelp? documentedParameter))
                    {
                        yield return new HelpError(file, where, $"lists -{listed.Name}, which PARAMETERS does not document (add '### -{listed.Name}')", syntaxLine);
                        continue;
                    }
                    ParameterHelp parameter = documentedParameter.ForSet(set.Name);
                    string about = $"-{parameter.Name}";
                    int? line = parameterLines.TryGetValue(parameter.Name, out int? at) ? at : syntaxLine;
                    if (!documentedParameter.IsIn(set.Name))
                        yield return new HelpError(file, $"PARAMETERS > {about}", $"SYNTAX lists it in the set '{set.Name}', which its 'Parameter Sets: {string.Join(", ", documentedParameter.AllParameterSets)}' does not name", line);
                    if (listed.IsOptional == parameter.Required)
                        yield return new HelpError(file, $"PARAMETERS > {about}", $"'Required: {parameter.Required}' but SYNTAX{SetSuffix(set)} writes it as {(listed.IsOptional ? "optional [-Name ...]" : "mandatory -Name ...")}", line);
                    if (listed.IsPositional == parameter.IsNamed)
                        yield return new HelpError(file, $"PARAMETERS > {about}", $"'Position: {parameter.Position}' but SYNTAX{SetSuffix(set)} writes it {(listed.IsPositional ? "as positional [-Name] <Type>" : "by name only")}", line);
                    if (parameter.IsSwitch != (listed.Type == null) || (listed.Type != null && !string.Equals(listed.Type, parameter.Type, StringComparison.OrdinalIgnoreCase)))
                        yield return new HelpError(file, $"PARAMETERS > {about}", $"'Type: {parameter.Type}' but SYNTAX{SetSuffix(set)} writes {(listed.Type == null ? "a switch" : "<" + listed.Type + ">")}", line);
                }
            }

            foreach (ParameterHelp parameter in help.Parameters)
            {
                string where = $"PARAMETERS > -{parameter.Name}";
                int? line = parameterLines.TryGetValue(parameter.Name, out int? at) ? at : null;
                foreach (string set in parameter.AllParameterSets.Where(set => set != SyntaxSet.AllSets && !setNames.Contains(set)))
                    yield return new HelpError(file, where, $"'Parameter Sets: {set}' is not a set of SYNTAX ({string.Join(", ", setNames)})", line);
                if (parameter.AllParameterSets.Contains(SyntaxSet.AllSets) && parameter.AllParameterSets.Count() > 1)
                    yield return new HelpError(file, where, "'Parameter Sets:' names (All) and other sets", line);

                foreach (SyntaxSet set in help.Syntax.Where(set => parameter.IsIn(set.Name)))
                {
                    if (!set.Parameters.Any(listed => string.Equals(listed.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                        yield return new HelpError(file, where, $"documented, but SYNTAX{SetSuffix(set)} does not list -{parameter.Name}", line);
                }
            }

            if (help.Syntax.Any(set => set.HasCommonParameters != help.SupportsCommonParameters))
                yield return new HelpError(file, "PARAMETERS",
                    help.SupportsCommonParameters
                        ? "has '### CommonParameters' but a SYNTAX block lacks [<CommonParameters>]"
                        : "SYNTAX lists [<CommonParameters>] but PARAMETERS has no '### CommonParameters'",
                    help.Syntax.FirstOrDefault()?.Line);
        }

        private static string SetSuffix(SyntaxSet set) => set.Name == SyntaxSet.AllSets ? "" : $" > {set.Name}";
    }
}
