using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using SmartlyQ.Video.HelpBuilder.Model;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>Reads every cmdlet page of a docs folder and makes one MAML help file of them.</summary>
    internal static class HelpBuilder
    {
        /// <summary>
        /// The cmdlet pages of <paramref name="docsDirectory"/>: <c>Verb-Noun.md</c>. The module page
        /// (SmartlyQ.Video.md) and the about topic are not cmdlet help.
        /// </summary>
        public static IReadOnlyList<string> CmdletPages(string docsDirectory) =>
            Directory.GetFiles(docsDirectory, "*-*.md")
                .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal)
                .ToList();

        /// <summary>
        /// The MAML of every cmdlet page of <paramref name="docsDirectory"/>, for the help file named
        /// <paramref name="helpFileName"/>; null, with <paramref name="errors"/> filled, when any page is faulty.
        /// </summary>
        public static XDocument? Build(string docsDirectory, string helpFileName, List<HelpError> errors)
        {
            IReadOnlyList<string> pages = CmdletPages(docsDirectory);
            if (pages.Count == 0)
            {
                errors.Add(new HelpError(docsDirectory, "pages", "no cmdlet page (Verb-Noun.md) in the folder"));
                return null;
            }

            var commands = new List<CommandHelp>();
            foreach (string page in pages)
            {
                CommandHelp? help = HelpPageReader.Read(page, File.ReadAllText(page), helpFileName, errors);
                if (help != null)
                    commands.Add(help);
            }
            return errors.Count == 0 ? MamlWriter.ToMaml(commands) : null;
        }
    }
}
