using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace SmartlyQ.Video.HelpBuilder.Tests
{
    /// <summary>
    /// A temporary docs folder holding the sample page <see cref="SamplePage.Text"/> (as Test-SqSample.md, or a
    /// variant of it) and the two files its RELATED LINKS point at.
    /// </summary>
    internal sealed class SampleDocs : IDisposable
    {
        /// <summary>The name the front matter must give as the external help file.</summary>
        public const string HelpFile = "SmartlyQ.Video.dll-Help.xml";

        /// <summary>Writes <paramref name="page"/> as <paramref name="fileName"/> into a new folder.</summary>
        public SampleDocs(string page, string fileName = "Test-SqSample.md")
        {
            Directory = Path.Combine(Path.GetTempPath(), "sq-help-tests-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            PagePath = Path.Combine(Directory, fileName);
            File.WriteAllText(PagePath, page);
            File.WriteAllText(Path.Combine(Directory, "Get-SqOther.md"), SamplePage.Minimal("Get-SqOther"));
            File.WriteAllText(Path.Combine(Directory, "about_Sample.help.txt"), "TOPIC\n    about_Sample\n");
        }

        /// <summary>The folder.</summary>
        public string Directory { get; }

        /// <summary>The sample page's path.</summary>
        public string PagePath { get; }

        /// <summary>The errors of reading the folder's pages, and the MAML (null when there are errors).</summary>
        public (XDocument? Maml, List<HelpError> Errors) Build()
        {
            var errors = new List<HelpError>();
            XDocument? maml = HelpBuilder.Build(Directory, HelpFile, errors);
            return (maml, errors);
        }

        /// <summary>Removes the folder.</summary>
        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        }
    }
}
