using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace SmartlyQ.Video.HelpBuilder.Tests
{
    /// <summary>The repository's own pages, docs/en-US, build without a fault: one command per cmdlet page.</summary>
    public sealed class RepositoryDocsTests
    {
        private static string DocsDirectory()
        {
            for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SmartlyQ.Video.sln")))
                    return Path.Combine(directory.FullName, "docs", "en-US");
            }
            throw new InvalidOperationException("SmartlyQ.Video.sln not found above " + AppContext.BaseDirectory);
        }

        [Fact]
        public void Docs_en_US_builds_one_command_per_cmdlet_page()
        {
            string docs = DocsDirectory();
            var errors = new List<HelpError>();

            XDocument? maml = HelpBuilder.Build(docs, "SmartlyQ.Video.dll-Help.xml", errors);

            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
            string[] pages = HelpBuilder.CmdletPages(docs).Select(Path.GetFileNameWithoutExtension).ToArray()!;
            Assert.Contains("New-SqVideo", pages);
            Assert.Equal(pages, maml!.Root!.Elements(MamlWriter.Command + "command")
                .Select(c => c.Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!.Value));
        }

        [Fact]
        public void A_parameter_with_a_yaml_block_per_set_is_mandatory_and_positional_only_where_its_block_says()
        {
            // New-SqVideo -Prompt: named and optional for piped rows, mandatory at position 0 in the Prompt set.
            XDocument? maml = HelpBuilder.Build(DocsDirectory(), "SmartlyQ.Video.dll-Help.xml", new List<HelpError>());
            XElement command = maml!.Root!.Elements(MamlWriter.Command + "command")
                .Single(c => c.Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!.Value == "New-SqVideo");
            XElement[] items = command.Element(MamlWriter.Command + "syntax")!.Elements(MamlWriter.Command + "syntaxItem").ToArray();

            XElement Prompt(XElement item) => item.Elements(MamlWriter.Command + "parameter")
                .Single(p => p.Element(MamlWriter.Maml + "name")!.Value == "Prompt");
            XElement rows = items.Single(item => (string?)Prompt(item).Attribute("position") == "named");
            XElement byPosition = items.Single(item => (string?)Prompt(item).Attribute("position") == "0");

            Assert.Equal("false", (string?)Prompt(rows).Attribute("required"));
            Assert.Equal("true", (string?)Prompt(byPosition).Attribute("required"));
            Assert.Contains("ByValue", (string?)Prompt(byPosition).Attribute("pipelineInput"));
            Assert.Single(command.Element(MamlWriter.Command + "parameters")!.Elements(MamlWriter.Command + "parameter")
                .Where(p => p.Element(MamlWriter.Maml + "name")!.Value == "Prompt"));
        }
    }
}
