using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace SmartlyQ.Video.HelpBuilder.Tests
{
    /// <summary>The command line that build.ps1 runs: a file on success, none and a non-zero exit code on a fault.</summary>
    public sealed class ProgramTests
    {
        [Fact]
        public void Writes_the_help_file_and_exits_0()
        {
            using var docs = new SampleDocs(SamplePage.Text);
            string output = Path.Combine(docs.Directory, "out", "en-US", SampleDocs.HelpFile);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exitCode = Program.Run(new[] { docs.Directory, output }, stdout, stderr);

            Assert.Equal(0, exitCode);
            Assert.Equal("", stderr.ToString());
            XDocument written = XDocument.Load(output);
            Assert.Equal(2, written.Root!.Elements(MamlWriter.Command + "command").Count());
            Assert.False(File.Exists(output + ".tmp"));
        }

        [Fact]
        public void A_faulty_page_exits_1_writes_no_file_and_prints_each_error()
        {
            using var docs = new SampleDocs(SamplePage.Text.Replace("## SYNOPSIS\n", "## SYNOPSYS\n"));
            string output = Path.Combine(docs.Directory, "out", SampleDocs.HelpFile);
            var stderr = new StringWriter();

            int exitCode = Program.Run(new[] { docs.Directory, output }, new StringWriter(), stderr);

            Assert.Equal(1, exitCode);
            Assert.False(File.Exists(output));
            Assert.Contains(docs.PagePath + ": error: SYNOPSIS: the page has no '## SYNOPSIS' section", stderr.ToString());
            Assert.Contains("(", stderr.ToString()); // the unknown section's line: "file(line): error: ..."
        }

        [Fact]
        public void Wrong_arguments_exit_2()
        {
            Assert.Equal(2, Program.Run(new string[0], new StringWriter(), new StringWriter()));
            Assert.Equal(2, Program.Run(new[] { Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), "x.xml" }, new StringWriter(), new StringWriter()));
        }
    }
}
