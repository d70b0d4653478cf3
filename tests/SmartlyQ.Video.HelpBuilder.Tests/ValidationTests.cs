using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace SmartlyQ.Video.HelpBuilder.Tests
{
    /// <summary>A faulty page stops the build with an error that names the file and the section to fix.</summary>
    public sealed class ValidationTests
    {
        private static List<HelpError> ErrorsOf(string page, string fileName = "Test-SqSample.md")
        {
            using var docs = new SampleDocs(page, fileName);
            (XDocument? maml, List<HelpError> errors) = docs.Build();
            Assert.Null(maml);
            Assert.NotEmpty(errors);
            Assert.All(errors.Where(e => e.File.EndsWith(fileName)), e => Assert.Equal(docs.PagePath, e.File));
            return errors;
        }

        private static string Replace(string oldText, string newText)
        {
            Assert.Contains(oldText, SamplePage.Text);
            return SamplePage.Text.Replace(oldText, newText);
        }

        /// <summary>The sample page without the section <paramref name="name"/> (its heading and everything up to the next one).</summary>
        private static string WithoutSection(string name)
        {
            int start = SamplePage.Text.IndexOf("\n## " + name + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, name);
            int end = SamplePage.Text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            return SamplePage.Text.Substring(0, start + 1) + (end < 0 ? "" : SamplePage.Text.Substring(end + 1));
        }

        [Fact]
        public void The_sample_page_itself_is_valid()
        {
            using var docs = new SampleDocs(SamplePage.Text);
            Assert.Empty(docs.Build().Errors);
        }

        [Theory]
        [InlineData("SYNOPSIS")]
        [InlineData("SYNTAX")]
        [InlineData("DESCRIPTION")]
        [InlineData("EXAMPLES")]
        [InlineData("PARAMETERS")]
        [InlineData("INPUTS")]
        [InlineData("OUTPUTS")]
        [InlineData("NOTES")]
        [InlineData("RELATED LINKS")]
        public void A_missing_section_is_an_error_naming_it(string section)
        {
            HelpError error = Assert.Single(ErrorsOf(WithoutSection(section)));

            Assert.Equal(section, error.Section);
            Assert.Contains($"no '## {section}' section", error.Message);
            Assert.StartsWith(error.File + ": error: " + section + ":", error.ToString());
        }

        [Fact]
        public void An_empty_synopsis_or_description_is_an_error()
        {
            List<HelpError> errors = ErrorsOf(Replace("Tests the `sample` things.\n", "")
                .Replace("The `Test-SqSample` cmdlet tests\na sample, over two lines.\n\nA second paragraph & <markup>.\n", ""));

            Assert.Contains(errors, e => e.Section == "SYNOPSIS" && e.Message.Contains("empty"));
            Assert.Contains(errors, e => e.Section == "DESCRIPTION" && e.Message.Contains("empty"));
        }

        [Fact]
        public void A_documented_parameter_that_the_syntax_does_not_list_is_an_error()
        {
            string extra = "### -Extra\nNot in the syntax.\n\n```yaml\nType: String\nParameter Sets: (All)\nAliases:\n\nRequired: False\n" +
                "Position: Named\nDefault value: None\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n\n### CommonParameters";

            List<HelpError> errors = ErrorsOf(Replace("### CommonParameters", extra));

            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal("PARAMETERS > -Extra", e.Section));
            Assert.Contains(errors, e => e.Message.Contains("SYNTAX > ByName does not list -Extra"));
            Assert.Contains(errors, e => e.Message.Contains("SYNTAX > ById does not list -Extra"));
            Assert.All(errors, e => Assert.NotNull(e.Line));
        }

        [Fact]
        public void A_parameter_in_the_syntax_that_is_not_documented_is_an_error()
        {
            HelpError error = Assert.Single(ErrorsOf(Replace("[-Mode <String>] [-Force] [<CommonParameters>]\n```\n\n### ById",
                "[-Mode <String>] [-Force] [-Ghost <Int32>] [<CommonParameters>]\n```\n\n### ById")));

            Assert.Equal("SYNTAX > ByName", error.Section);
            Assert.Contains("lists -Ghost, which PARAMETERS does not document", error.Message);
        }

        [Fact]
        public void A_parameter_listed_in_a_set_its_yaml_does_not_name_is_an_error()
        {
            HelpError error = Assert.Single(ErrorsOf(Replace("Test-SqSample -Id <String[]> [-Mode <String>]", "Test-SqSample -Id <String[]> [[-Name] <String[]>] [-Mode <String>]")));

            Assert.Equal("PARAMETERS > -Name", error.Section);
            Assert.Contains("'ById'", error.Message);
        }

        [Fact]
        public void Brackets_that_disagree_with_Required_Position_or_Type_are_errors()
        {
            List<HelpError> errors = ErrorsOf(Replace("Test-SqSample -Id <String[]> [-Mode <String>]", "Test-SqSample [-Id <String[]>] [-Mode <Int32>]")
                .Replace("[[-Name] <String[]>]", "[-Name <String[]>]"));

            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Id" && e.Message.Contains("'Required: True'"));
            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Mode" && e.Message.Contains("'Type: String'"));
            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Name" && e.Message.Contains("'Position: 0'"));
        }

        [Fact]
        public void Invalid_yaml_is_an_error_at_its_line()
        {
            HelpError error = Assert.Single(ErrorsOf(Replace("Default value: '{mode}.fast'", "Default value: {mode}.fast")));

            Assert.Equal("PARAMETERS > -Mode", error.Section);
            Assert.Contains("invalid YAML", error.Message);
            int expectedLine = Array.FindIndex(SamplePage.Text.Split('\n'), line => line == "Default value: '{mode}.fast'") + 1;
            Assert.Equal(expectedLine, error.Line);
        }

        [Fact]
        public void A_missing_or_unknown_yaml_field_is_an_error()
        {
            List<HelpError> errors = ErrorsOf(Replace("Accept wildcard characters: True\n", "Accept wildcards: True\n"));

            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Name" && e.Message.Contains("no 'Accept wildcard characters:'"));
            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Name" && e.Message.Contains("unknown yaml field 'Accept wildcards:'"));
        }

        [Theory]
        [InlineData("Required: True\nPosition: Named", "Required: Yes\nPosition: Named", "'Required: Yes'")]
        [InlineData("Position: 0", "Position: first", "'Position: first'")]
        [InlineData("Accept pipeline input: True (ByPropertyName)", "Accept pipeline input: Sometimes", "'Accept pipeline input: Sometimes'")]
        public void A_field_value_out_of_its_range_is_an_error(string oldText, string newText, string expected)
        {
            List<HelpError> errors = ErrorsOf(Replace(oldText, newText));

            Assert.Contains(errors, e => e.Section.StartsWith("PARAMETERS > -") && e.Message.Contains(expected));
        }

        [Fact]
        public void A_parameter_without_text_or_yaml_is_an_error()
        {
            List<HelpError> errors = ErrorsOf(Replace("### -Force\nTests again.\n", "### -Force\n"));
            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Force" && e.Message.Contains("no description"));

            int yaml = SamplePage.Text.IndexOf("```yaml\nType: String\nParameter Sets: (All)", StringComparison.Ordinal);
            int end = SamplePage.Text.IndexOf("```\n", yaml + 7, StringComparison.Ordinal) + 4;
            errors = ErrorsOf(SamplePage.Text.Remove(yaml, end - yaml));
            Assert.Contains(errors, e => e.Section == "PARAMETERS > -Mode" && e.Message.Contains("no ```yaml block"));
        }

        [Fact]
        public void An_example_without_code_or_a_page_without_examples_is_an_error()
        {
            List<HelpError> errors = ErrorsOf(Replace("```powershell\nPS C:\\> Test-SqSample -Name 'a*'\n```\n", ""));
            Assert.Contains(errors, e => e.Section == "EXAMPLES > Example 1: Test by name" && e.Message.Contains("no code block"));

            int start = SamplePage.Text.IndexOf("### Example 1", StringComparison.Ordinal);
            int end = SamplePage.Text.IndexOf("## PARAMETERS", StringComparison.Ordinal);
            errors = ErrorsOf(SamplePage.Text.Remove(start, end - start));
            Assert.Contains(errors, e => e.Section == "EXAMPLES" && e.Message.Contains("no example"));
        }

        [Fact]
        public void A_title_that_differs_from_the_file_name_is_an_error()
        {
            HelpError error = Assert.Single(ErrorsOf(SamplePage.Text, "Test-SqOther.md"), e => e.Section == "title");

            Assert.Contains("'# Test-SqSample' differs from the file name 'Test-SqOther'", error.Message);
        }

        [Fact]
        public void An_unknown_or_repeated_section_is_an_error()
        {
            List<HelpError> errors = ErrorsOf(Replace("## DESCRIPTION\n", "## DESCRIPTON\n"));
            Assert.Contains(errors, e => e.Section == "DESCRIPTON" && e.Message.Contains("unknown section"));
            Assert.Contains(errors, e => e.Section == "DESCRIPTION" && e.Message.Contains("no '## DESCRIPTION'"));

            errors = ErrorsOf(Replace("## NOTES\n", "## NOTES\nOne.\n\n## NOTES\n"));
            Assert.Contains(errors, e => e.Section == "NOTES" && e.Message.Contains("twice"));
        }

        [Fact]
        public void Front_matter_faults_are_errors()
        {
            Assert.Contains(ErrorsOf(Replace("schema: 2.0.0", "schema: 1.0.0")), e => e.Section == "front matter" && e.Message.Contains("not 2.0.0"));
            Assert.Contains(ErrorsOf(Replace("online version: https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Test-SqSample.md", "online version:")),
                e => e.Section == "front matter" && e.Message.Contains("online version"));
            Assert.Contains(ErrorsOf(Replace("docs/en-US/Test-SqSample.md", "docs/en-US/Get-SqOther.md")),
                e => e.Section == "front matter" && e.Message.Contains("is not the page Test-SqSample.md"));
            Assert.Contains(ErrorsOf(Replace("external help file: SmartlyQ.Video.dll-Help.xml", "external help file: Other.dll-Help.xml")),
                e => e.Section == "front matter" && e.Message.Contains("should be SmartlyQ.Video.dll-Help.xml"));
            Assert.Contains(ErrorsOf(SamplePage.Text.Substring(SamplePage.Text.IndexOf("# Test-SqSample", StringComparison.Ordinal))),
                e => e.Section == "front matter" && e.Message.Contains("must start with the YAML front matter"));
        }

        [Fact]
        public void A_platyPS_placeholder_left_in_the_text_is_an_error()
        {
            HelpError error = Assert.Single(ErrorsOf(Replace("Tests again.", "{{ Fill Force Description }}")));

            Assert.Equal("PARAMETERS > -Force", error.Section);
            Assert.Contains("placeholder", error.Message);
        }

        [Fact]
        public void A_related_link_to_a_missing_file_or_text_that_is_no_link_is_an_error()
        {
            List<HelpError> errors = ErrorsOf(Replace("[Get-SqOther](Get-SqOther.md)", "[Get-SqGone](Get-SqGone.md)\n\nSee also the about topic."));

            Assert.Contains(errors, e => e.Section == "RELATED LINKS" && e.Message.Contains("[Get-SqGone](Get-SqGone.md) links to no file"));
            Assert.Contains(errors, e => e.Section == "RELATED LINKS" && e.Message.Contains("expected only links"));
        }

        [Fact]
        public void Every_faulty_page_of_the_folder_is_reported()
        {
            using var docs = new SampleDocs(Replace("## SYNOPSIS\n", "## SYNOPSYS\n"));
            System.IO.File.WriteAllText(System.IO.Path.Combine(docs.Directory, "Get-SqOther.md"), SamplePage.Minimal("Get-SqOther").Replace("## NOTES\n", ""));

            List<HelpError> errors = docs.Build().Errors;

            Assert.Contains(errors, e => e.File.EndsWith("Test-SqSample.md") && e.Section == "SYNOPSIS");
            Assert.Contains(errors, e => e.File.EndsWith("Get-SqOther.md") && e.Section == "NOTES");
        }
    }
}
