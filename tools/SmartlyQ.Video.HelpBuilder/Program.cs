using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// <c>SmartlyQ.Video.HelpBuilder &lt;docs folder&gt; &lt;output .xml&gt;</c>: builds the MAML help file from the
    /// cmdlet pages. Exit code 0 when written; 1 with every fault on standard error, and nothing written, when any
    /// page is faulty; 2 for bad arguments.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>The program, with its output streams given (for the tests).</summary>
        internal static int Run(string[] args, TextWriter output, TextWriter error)
        {
            if (args.Length != 2)
            {
                error.WriteLine("Usage: SmartlyQ.Video.HelpBuilder <docs folder> <output SmartlyQ.Video.dll-Help.xml>");
                return 2;
            }
            string docs = args[0];
            string target = Path.GetFullPath(args[1]);
            if (!Directory.Exists(docs))
            {
                error.WriteLine($"{docs}: error: the docs folder does not exist");
                return 2;
            }

            var errors = new List<HelpError>();
            XDocument? maml = HelpBuilder.Build(docs, Path.GetFileName(target), errors);
            if (maml == null)
            {
                foreach (HelpError fault in errors)
                    error.WriteLine(fault);
                error.WriteLine($"{errors.Count} error(s) in the help pages of {docs}; {Path.GetFileName(target)} was not written.");
                return 1;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Written beside the target and moved: a build stopped midway leaves no half-written help file.
            string temporary = target + ".tmp";
            MamlWriter.Save(maml, temporary);
            File.Move(temporary, target, overwrite: true);
            output.WriteLine($"{HelpBuilder.CmdletPages(docs).Count} cmdlet page(s) of {docs} -> {target}");
            return 0;
        }
    }
}
