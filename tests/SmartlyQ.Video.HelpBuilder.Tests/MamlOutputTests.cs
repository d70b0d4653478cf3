using System.Linq;
using System.Xml.Linq;
using Xunit;
using static SmartlyQ.Video.HelpBuilder.MamlWriter;

namespace SmartlyQ.Video.HelpBuilder.Tests
{
    /// <summary>The MAML written for the sample page: the nodes Get-Help reads, with the page's text.</summary>
    public sealed class MamlOutputTests
    {
        private static XElement SampleCommand()
        {
            using var docs = new SampleDocs(SamplePage.Text);
            (XDocument? maml, var errors) = docs.Build();
            Assert.Empty(errors);
            Assert.NotNull(maml);
            Assert.Equal(Msh + "helpItems", maml!.Root!.Name);
            Assert.Equal("maml", (string?)maml.Root.Attribute("schema"));
            return maml.Root.Elements(Command + "command")
                .Single(command => command.Element(Command + "details")!.Element(Command + "name")!.Value == "Test-SqSample");
        }

        private static string[] Paras(XElement? parent) =>
            parent!.Elements(Maml + "para").Select(para => para.Value).ToArray();

        private static XElement Parameter(XElement parent, string name) =>
            parent.Elements(Command + "parameter").Single(parameter => parameter.Element(Maml + "name")!.Value == name);

        [Fact]
        public void Details_have_name_verb_noun_and_the_synopsis()
        {
            XElement details = SampleCommand().Element(Command + "details")!;

            Assert.Equal("Test-SqSample", details.Element(Command + "name")!.Value);
            Assert.Equal("Test", details.Element(Command + "verb")!.Value);
            Assert.Equal("SqSample", details.Element(Command + "noun")!.Value);
            Assert.Equal(new[] { "Tests the `sample` things." }, Paras(details.Element(Maml + "description")));
        }

        [Fact]
        public void Description_has_one_para_per_paragraph_with_wrapped_lines_joined()
        {
            XElement command = SampleCommand();

            Assert.Equal(
                new[] { "The `Test-SqSample` cmdlet tests a sample, over two lines.", "A second paragraph & <markup>." },
                Paras(command.Element(Maml + "description")));
        }

        [Fact]
        public void Syntax_has_one_item_per_set_with_its_parameters_in_the_written_order()
        {
            XElement[] items = SampleCommand().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToArray();

            Assert.Equal(2, items.Length);
            Assert.All(items, item => Assert.Equal("Test-SqSample", item.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "Name", "Mode", "Force" }, items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "Id", "Mode", "Force" }, items[1].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));

            XElement name = Parameter(items[0], "Name");
            Assert.Equal("false", (string?)name.Attribute("required"));
            Assert.Equal("0", (string?)name.Attribute("position"));
            Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
            Assert.Equal("true", (string?)Parameter(items[1], "Id").Attribute("required"));

            // Get-Help shows [-Force], not [-Force <SwitchParameter>], and -Mode {Fast | Slow}.
            Assert.Null(Parameter(items[0], "Force").Element(Command + "parameterValue"));
            Assert.Equal(new[] { "Fast", "Slow" },
                Parameter(items[0], "Mode").Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
        }

        [Fact]
        public void Parameters_carry_the_text_and_every_yaml_field()
        {
            XElement parameters = SampleCommand().Element(Command + "parameters")!;
            Assert.Equal(new[] { "Force", "Id", "Mode", "Name" }, parameters.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));

            XElement id = Parameter(parameters, "Id");
            Assert.Equal("true", (string?)id.Attribute("required"));
            Assert.Equal("named", (string?)id.Attribute("position"));
            Assert.Equal("True (ByPropertyName)", (string?)id.Attribute("pipelineInput"));
            Assert.Equal("false", (string?)id.Attribute("globbing"));
            Assert.Equal("sample_id, SampleId", (string?)id.Attribute("aliases"));
            Assert.Equal(new[] { "Sample ids, for example `s_1`. Binds a `sample_id` property." }, Paras(id.Element(Maml + "description")));
            Assert.Equal("String[]", id.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("None", id.Element(Dev + "defaultValue")!.Value);

            XElement name = Parameter(parameters, "Name");
            Assert.Equal("true", (string?)name.Attribute("globbing"));
            Assert.Equal("none", (string?)name.Attribute("aliases"));
            Assert.Equal("All samples", name.Element(Dev + "defaultValue")!.Value);

            // A quoted YAML value is the text inside the quotes.
            Assert.Equal("{mode}.fast", Parameter(parameters, "Mode").Element(Dev + "defaultValue")!.Value);
            Assert.Equal("SwitchParameter", Parameter(parameters, "Force").Element(Command + "parameterValue")!.Value);
        }

        [Fact]
        public void Examples_have_title_code_and_remarks()
        {
            XElement[] examples = SampleCommand().Element(Command + "examples")!.Elements(Command + "example").ToArray();

            Assert.Equal(2, examples.Length);
            Assert.Equal("Example 1: Test by name", examples[0].Element(Maml + "title")!.Value.Trim('-', ' '));
            Assert.StartsWith("--", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("PS C:\\> Test-SqSample -Name 'a*'", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal(new[] { "Tests every sample whose name starts with `a`." }, Paras(examples[0].Element(Dev + "remarks")));

            Assert.Equal("PS C:\\> $s = Test-SqSample -Id s_1\n\nPS C:\\> $s | Format-List", examples[1].Element(Dev + "code")!.Value);
            Assert.Empty(Paras(examples[1].Element(Dev + "remarks")));
        }

        [Fact]
        public void Inputs_outputs_and_notes()
        {
            XElement command = SampleCommand();

            XElement input = command.Element(Command + "inputTypes")!.Elements(Command + "inputType").Single();
            Assert.Equal("System.String", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "Sample ids, from a `sample_id` property." }, Paras(input.Element(Maml + "description")));

            XElement[] outputs = command.Element(Command + "returnValues")!.Elements(Command + "returnValue").ToArray();
            Assert.Equal(new[] { "SmartlyQ.Video.Core.Models.Sample", "None" }, outputs.Select(o => o.Element(Dev + "type")!.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "With -Force." }, Paras(outputs[1].Element(Maml + "description")));

            Assert.Equal(new[] { "First note.", "Second note." }, Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));
        }

        [Fact]
        public void Related_links_start_with_the_online_page_and_make_page_links_absolute()
        {
            (string Text, string Uri)[] links = SampleCommand().Element(Maml + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(link => (link.Element(Maml + "linkText")!.Value, link.Element(Maml + "uri")!.Value))
                .ToArray();

            Assert.Equal(new[]
            {
                ("Online Version:", "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Test-SqSample.md"),
                ("Get-SqOther", "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Get-SqOther.md"),
                ("about_Sample", ""),
                ("Somewhere", "https://example.com/somewhere"),
            }, links);
        }

        [Fact]
        public void Every_cmdlet_page_of_the_folder_is_one_command_and_the_module_page_is_none()
        {
            using var docs = new SampleDocs(SamplePage.Text);
            System.IO.File.WriteAllText(System.IO.Path.Combine(docs.Directory, "SmartlyQ.Video.md"), "# SmartlyQ.Video Module\n");

            (XDocument? maml, var errors) = docs.Build();

            Assert.Empty(errors);
            Assert.Equal(new[] { "Get-SqOther", "Test-SqSample" },
                maml!.Root!.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value));
        }
    }
}
