using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SmartlyQ.Video.HelpBuilder.Model;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// Writes commands as a MAML help file (&lt;assembly&gt;-Help.xml), the layout Get-Help reads for a binary module
    /// and that platyPS's New-ExternalHelp writes.
    /// </summary>
    internal static class MamlWriter
    {
        /// <summary>The document element's default namespace.</summary>
        public static readonly XNamespace Msh = "http://msh";

        /// <summary>The maml: namespace (text, names, links).</summary>
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";

        /// <summary>The command: namespace (details, syntax, parameters).</summary>
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

        /// <summary>The dev: namespace (types, code, default values).</summary>
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>The help file of <paramref name="commands"/>.</summary>
        public static XDocument ToMaml(IEnumerable<CommandHelp> commands) =>
            new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    new XAttribute(XNamespace.Xmlns + "maml", Maml),
                    new XAttribute(XNamespace.Xmlns + "command", Command),
                    new XAttribute(XNamespace.Xmlns + "dev", Dev),
                    commands.Select(ToCommand)));

        /// <summary>Saves <paramref name="document"/> as UTF-8 with a byte order mark, which Windows PowerShell 5.1 reads as readily as PowerShell 7.</summary>
        public static void Save(XDocument document, string path)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(true) };
            using XmlWriter writer = XmlWriter.Create(path, settings);
            document.Save(writer);
        }

        private static XElement ToCommand(CommandHelp help) =>
            new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", help.Name),
                    new XElement(Command + "verb", help.Verb),
                    new XElement(Command + "noun", help.Noun),
                    Description(new[] { help.Synopsis })),
                Description(help.Description),
                new XElement(Command + "syntax", help.Syntax.Select(set => SyntaxItem(help, set))),
                new XElement(Command + "parameters", help.Parameters.Select(parameter => Parameter(parameter, inSyntax: false))),
                new XElement(Command + "inputTypes", help.Inputs.Select(type => TypeElement(Command + "inputType", type))),
                new XElement(Command + "returnValues", help.Outputs.Select(type => TypeElement(Command + "returnValue", type))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples", help.Examples.Select(Example)),
                new XElement(Maml + "relatedLinks", RelatedLinks(help)));

        private static XElement SyntaxItem(CommandHelp help, SyntaxSet set)
        {
            // The syntax block gives the order; the parameter's own section gives everything else.
            Dictionary<string, ParameterHelp> byName = help.Parameters.ToDictionary(parameter => parameter.Name, System.StringComparer.OrdinalIgnoreCase);
            return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                set.Parameters.Select(listed => Parameter(byName[listed.Name].ForSet(set.Name), inSyntax: true)));
        }

        private static XElement Parameter(ParameterHelp parameter, bool inSyntax)
        {
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Bool(parameter.Required)),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", Bool(parameter.Globbing)),
                new XAttribute("pipelineInput", parameter.PipelineInput),
                new XAttribute("position", parameter.IsNamed ? "named" : parameter.Position),
                new XAttribute("aliases", parameter.Aliases.Count > 0 ? string.Join(", ", parameter.Aliases) : "none"),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description));

            if (inSyntax && parameter.AcceptedValues.Count > 0)
            {
                // Get-Help shows the set as -Type {a | b}.
                element.Add(new XElement(Command + "parameterValueGroup",
                    parameter.AcceptedValues.Select(value => ParameterValue(value, required: false))));
            }
            // In the syntax a switch has no value, so Get-Help shows [-Force], not [-Force <SwitchParameter>].
            if (!inSyntax || !parameter.IsSwitch)
                element.Add(ParameterValue(parameter.Type, required: !parameter.IsSwitch));

            element.Add(
                new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", parameter.DefaultValue.Length > 0 ? parameter.DefaultValue : "None"));
            return element;
        }

        private static XElement ParameterValue(string value, bool required) =>
            new XElement(Command + "parameterValue",
                new XAttribute("required", Bool(required)),
                new XAttribute("variableLength", "false"),
                value);

        private static XElement TypeElement(XName name, TypeHelp type) =>
            new XElement(name,
                new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
                Description(type.Description));

        private static XElement Example(ExampleHelp example) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", ExampleTitle(example.Title)),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paras(example.Remarks)));

        /// <summary>
        /// The title between dashes, 64 characters wide where it fits: Get-Help prints the examples right after the
        /// notes with no heading of their own, and the dashes are what sets each one apart.
        /// </summary>
        public static string ExampleTitle(string title)
        {
            string dashes = new string('-', System.Math.Max(2, (64 - title.Length - 2) / 2));
            return $"{dashes} {title} {dashes}";
        }

        private static IEnumerable<XElement> RelatedLinks(CommandHelp help)
        {
            // platyPS's convention: the online page comes first, named "Online Version:".
            if (help.OnlineVersion.Length > 0)
                yield return NavigationLink("Online Version:", help.OnlineVersion);
            foreach (RelatedLink link in help.RelatedLinks)
                yield return NavigationLink(link.Text, link.Uri);
        }

        private static XElement NavigationLink(string text, string uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

        private static XElement Description(IEnumerable<string> paragraphs) =>
            new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
            paragraphs.Select(paragraph => new XElement(Maml + "para", paragraph));

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
