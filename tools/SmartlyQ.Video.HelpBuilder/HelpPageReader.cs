using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using SmartlyQ.Video.HelpBuilder.Model;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// Reads one cmdlet page of platyPS schema 2.0.0 (YAML front matter, <c># Name</c>, then the <c>##</c> sections)
    /// from Markdig's syntax tree, and reports every fault with the page and section it is in.
    /// </summary>
    internal sealed class HelpPageReader
    {
        /// <summary>The <c>##</c> sections of schema 2.0.0, all required (NOTES and RELATED LINKS may be empty).</summary>
        public static readonly string[] Sections =
            { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        private static readonly string[] FrontMatterFields = { "external help file", "Module Name", "online version", "schema" };

        private static readonly string[] RequiredParameterFields =
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input",
            "Accept wildcard characters",
        };

        private static readonly string[] OptionalParameterFields = { "Accepted values", "Applicable" };

        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

        private readonly string _file;
        private readonly string _source;
        private readonly string _expectedHelpFile;
        private readonly List<HelpError> _errors;
        private readonly CommandHelp _help = new CommandHelp();

        // Where each parameter and the syntax are, for the errors of the check between them.
        private readonly Dictionary<string, int?> _parameterLines = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        // Parameters whose section could not be read: already reported, so the syntax check leaves them out.
        private readonly HashSet<string> _unreadable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private HelpPageReader(string file, string source, string expectedHelpFile, List<HelpError> errors)
        {
            _file = file;
            // Markdig's spans index the text as parsed; one line ending keeps them and the line splits simple.
            _source = source.Replace("\r\n", "\n");
            _expectedHelpFile = expectedHelpFile;
            _errors = errors;
        }

        /// <summary>
        /// Reads the page <paramref name="file"/> whose text is <paramref name="markdown"/>; faults go to
        /// <paramref name="errors"/>, and the result is null when there was any. Its front matter must name
        /// <paramref name="expectedHelpFile"/> as the external help file.
        /// </summary>
        public static CommandHelp? Read(string file, string markdown, string expectedHelpFile, List<HelpError> errors)
        {
            int before = errors.Count;
            var reader = new HelpPageReader(file, markdown, expectedHelpFile, errors);
            reader.ReadPage();
            return errors.Count == before ? reader._help : null;
        }

        private void ReadPage()
        {
            MarkdownDocument document = Markdown.Parse(_source, Pipeline);
            string expectedName = Path.GetFileNameWithoutExtension(_file);

            var sections = new Dictionary<string, PageSection>(StringComparer.Ordinal);
            List<PageSection> parts = PageSection.Split(document, 2, _source);
            ReadPreamble(parts[0].Blocks, expectedName);
            foreach (PageSection part in parts.Skip(1))
            {
                string name = part.Title;
                if (!Sections.Contains(name, StringComparer.Ordinal))
                    Error(name, $"unknown section '## {name}'; schema 2.0.0 has {string.Join(", ", Sections)}", part.Line);
                else if (sections.ContainsKey(name))
                    Error(name, "the section appears twice", part.Line);
                else
                    sections[name] = part;
            }
            foreach (string name in Sections.Where(name => !sections.ContainsKey(name)))
                Error(name, $"the page has no '## {name}' section");

            if (sections.TryGetValue("SYNOPSIS", out PageSection? synopsis)) ReadSynopsis(synopsis);
            if (sections.TryGetValue("SYNTAX", out PageSection? syntax)) ReadSyntax(syntax);
            if (sections.TryGetValue("DESCRIPTION", out PageSection? description)) ReadDescription(description);
            if (sections.TryGetValue("EXAMPLES", out PageSection? examples)) ReadExamples(examples);
            if (sections.TryGetValue("PARAMETERS", out PageSection? parameters)) ReadParameters(parameters);
            if (sections.TryGetValue("INPUTS", out PageSection? inputs)) ReadTypes(inputs, _help.Inputs);
            if (sections.TryGetValue("OUTPUTS", out PageSection? outputs)) ReadTypes(outputs, _help.Outputs);
            if (sections.TryGetValue("NOTES", out PageSection? notes)) _help.Notes.AddRange(Text(notes.Blocks, "NOTES"));
            if (sections.TryGetValue("RELATED LINKS", out PageSection? links)) ReadRelatedLinks(links);

            if (sections.ContainsKey("SYNTAX") && sections.ContainsKey("PARAMETERS"))
            {
                foreach (HelpError error in SyntaxCheck.Check(_file, _help, _parameterLines, _unreadable))
                    _errors.Add(error);
            }
        }

        private void ReadPreamble(List<Block> blocks, string expectedName)
        {
            if (blocks.Count == 0 || !(blocks[0] is YamlFrontMatterBlock frontMatter))
            {
                Error("front matter", "the page must start with the YAML front matter (--- ... ---)", 1);
            }
            else
            {
                ReadFrontMatter(frontMatter, expectedName);
            }

            List<HeadingBlock> titles = blocks.OfType<HeadingBlock>().Where(heading => heading.Level == 1).ToList();
            if (titles.Count != 1)
            {
                Error("title", "the page must have one '# Verb-Noun' title before '## SYNOPSIS'");
            }
            else
            {
                _help.Name = MarkdownText.Of(titles[0], _source);
                if (!string.Equals(_help.Name, expectedName, StringComparison.Ordinal))
                    Error("title", $"the title '# {_help.Name}' differs from the file name '{expectedName}'", titles[0].Line + 1);
                else if (_help.Name.IndexOf('-') <= 0 || _help.Name.EndsWith("-"))
                    Error("title", $"'{_help.Name}' is not a Verb-Noun command name", titles[0].Line + 1);
            }
            foreach (Block stray in blocks.Where(block => !(block is YamlFrontMatterBlock) && !(block is HeadingBlock heading && heading.Level == 1)))
                Error("title", "text between the title and '## SYNOPSIS' belongs to no section", stray.Line + 1);
        }

        private void ReadFrontMatter(YamlFrontMatterBlock block, string expectedName)
        {
            // The block's source includes the --- fences.
            string[] lines = MarkdownText.Source(block, _source).Split('\n');
            string yaml = string.Join("\n", lines.Skip(1).Take(Math.Max(0, lines.Length - 2)));
            YamlFields? fields = YamlFields.Parse(yaml, out string? yamlError, out int? yamlLine);
            if (fields == null)
            {
                Error("front matter", yamlError!, block.Line + 1 + (yamlLine ?? 0));
                return;
            }
            foreach (string name in FrontMatterFields.Where(name => !fields.Has(name)))
                Error("front matter", $"'{name}:' is missing", block.Line + 1);

            if (fields.Has("schema") && fields["schema"] != "2.0.0")
                Error("front matter", $"schema '{fields["schema"]}' is not 2.0.0", block.Line + 1);
            if (fields.Has("external help file") && fields["external help file"] != _expectedHelpFile)
                Error("front matter", $"'external help file: {fields["external help file"]}' should be {_expectedHelpFile}", block.Line + 1);
            if (fields.Has("online version"))
            {
                string online = fields["online version"];
                if (!Uri.TryCreate(online, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                    Error("front matter", $"'online version:' must be the http(s) address of the online page, not '{online}'", block.Line + 1);
                else if (!uri.AbsolutePath.EndsWith("/" + expectedName + ".md", StringComparison.Ordinal))
                    Error("front matter", $"'online version: {online}' is not the page {expectedName}.md", block.Line + 1);
                else
                    _help.OnlineVersion = online;
            }
        }

        private void ReadSynopsis(PageSection section)
        {
            List<string> text = Text(section.Blocks, "SYNOPSIS");
            if (text.Count == 0)
                Error("SYNOPSIS", "the synopsis is empty", section.Line);
            _help.Synopsis = string.Join(" ", text);
        }

        private void ReadDescription(PageSection section)
        {
            _help.Description.AddRange(Text(section.Blocks, "DESCRIPTION"));
            if (_help.Description.Count == 0)
                Error("DESCRIPTION", "the description is empty", section.Line);
        }

        private void ReadSyntax(PageSection section)
        {
            List<PageSection> sets = PageSection.Split(section.Blocks, 3, _source);
            bool named = sets.Count > 1;
            if (named && sets[0].Blocks.Count > 0)
                Error("SYNTAX", "with parameter set headings (### Set), every code block must be under one", sets[0].Line);

            foreach (PageSection part in named ? sets.Skip(1) : sets)
            {
                string title = part.Title;
                var set = new SyntaxSet();
                if (named)
                {
                    const string defaultMark = "(Default)";
                    set.IsDefault = title.EndsWith(defaultMark, StringComparison.Ordinal);
                    set.Name = set.IsDefault ? title.Substring(0, title.Length - defaultMark.Length).Trim() : title;
                }
                string where = named ? $"SYNTAX > {title}" : "SYNTAX";
                List<CodeBlock> code = part.Blocks.OfType<CodeBlock>().ToList();
                if (code.Count != 1 || part.Blocks.Count != 1)
                {
                    Error(where, "expected exactly one code block (```) with the syntax", part.Line);
                    continue;
                }
                set.Line = code[0].Line + 1;
                foreach (string error in SyntaxReader.Read(MarkdownText.Code(code[0]), _help.Name, set))
                    Error(where, error, code[0].Line + 1);
                _help.Syntax.Add(set);
            }
            if (_help.Syntax.Count(set => set.IsDefault) > 1)
                Error("SYNTAX", "more than one parameter set is marked (Default)", section.Line);
            if (_help.Syntax.GroupBy(set => set.Name, StringComparer.OrdinalIgnoreCase).Any(group => group.Count() > 1))
                Error("SYNTAX", "a parameter set appears twice", section.Line);
        }

        private void ReadExamples(PageSection section)
        {
            List<PageSection> examples = PageSection.Split(section.Blocks, 3, _source);
            if (examples[0].Blocks.Count > 0)
                Error("EXAMPLES", "text before the first '### Example 1: title' belongs to no example", examples[0].Line);
            if (examples.Count == 1)
                Error("EXAMPLES", "the page has no example ('### Example 1: title' with a code block)", section.Line);

            foreach (PageSection part in examples.Skip(1))
            {
                var example = new ExampleHelp { Title = part.Title };
                string where = $"EXAMPLES > {part.Title}";
                List<CodeBlock> code = part.Blocks.OfType<CodeBlock>().ToList();
                if (code.Count == 0)
                    Error(where, "the example has no code block", part.Line);
                example.Code = string.Join("\n\n", code.Select(MarkdownText.Code));
                example.Remarks.AddRange(Text(part.Blocks.Where(block => !(block is CodeBlock)), where));
                _help.Examples.Add(example);
            }
        }

        private void ReadParameters(PageSection section)
        {
            List<PageSection> parts = PageSection.Split(section.Blocks, 3, _source);
            if (parts[0].Blocks.Count > 0)
                Error("PARAMETERS", "text before the first '### -Name' belongs to no parameter", parts[0].Line);

            foreach (PageSection part in parts.Skip(1))
            {
                if (part.Title == "CommonParameters")
                {
                    _help.SupportsCommonParameters = true;
                    continue;
                }
                if (!part.Title.StartsWith("-", StringComparison.Ordinal) || part.Title.Length < 2 || part.Title.Any(char.IsWhiteSpace))
                {
                    Error($"PARAMETERS > {part.Title}", "expected '### -Name' or '### CommonParameters'", part.Line);
                    continue;
                }
                ParameterHelp? parameter = ReadParameter(part);
                if (parameter == null)
                {
                    _unreadable.Add(part.Title.Substring(1));
                    continue;
                }
                if (_help.Parameters.Any(other => string.Equals(other.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    Error($"PARAMETERS > -{parameter.Name}", "the parameter is documented twice", part.Line);
                    continue;
                }
                _help.Parameters.Add(parameter);
                _parameterLines[parameter.Name] = part.Line;
            }
        }

        private ParameterHelp? ReadParameter(PageSection part)
        {
            string where = $"PARAMETERS > {part.Title}";
            var parameter = new ParameterHelp { Name = part.Title.Substring(1) };

            int yamlIndex = part.Blocks.FindIndex(IsYaml);
            if (yamlIndex < 0)
            {
                Error(where, "the parameter has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, ...)", part.Line);
                return null;
            }
            parameter.Description.AddRange(Text(part.Blocks.Take(yamlIndex), where));
            if (parameter.Description.Count == 0)
                Error(where, "the parameter has no description before its yaml block", part.Line);
            foreach (Block after in part.Blocks.Skip(yamlIndex + 1).Where(block => !IsYaml(block)))
                Error(where, "text after the yaml block belongs to no field; put it before the block", after.Line + 1);

            // platyPS writes one yaml block per group of sets where the parameter differs (Required, Position,
            // pipeline input): the first is the parameter, the others are its variants for their own sets.
            var yamlBlocks = part.Blocks.Skip(yamlIndex).Where(IsYaml).Cast<FencedCodeBlock>().ToList();
            if (!ReadYaml(yamlBlocks[0], where, parameter)) return null;
            foreach (FencedCodeBlock block in yamlBlocks.Skip(1))
            {
                var variant = new ParameterHelp { Name = parameter.Name };
                variant.Description.AddRange(parameter.Description);
                if (!ReadYaml(block, where, variant)) continue;
                int line = block.Line + 1;
                if (!string.Equals(variant.Type, parameter.Type, StringComparison.OrdinalIgnoreCase))
                    Error(where, $"this yaml block says 'Type: {variant.Type}', the first one 'Type: {parameter.Type}'", line);
                foreach (string set in variant.ParameterSets.Where(set => parameter.AllParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase)))
                    Error(where, $"the set '{set}' is named by more than one yaml block", line);
                parameter.Variants.Add(variant);
            }
            return parameter;
        }

        private static bool IsYaml(Block block) => block is FencedCodeBlock fenced && fenced.Info == "yaml";

        /// <summary>Reads one yaml block into <paramref name="parameter"/>; false when the block is not YAML at all.</summary>
        private bool ReadYaml(FencedCodeBlock yamlBlock, string where, ParameterHelp parameter)
        {
            YamlFields? fields = YamlFields.Parse(MarkdownText.Code(yamlBlock), out string? yamlError, out int? yamlLine);
            int blockLine = yamlBlock.Line + 1;
            if (fields == null)
            {
                // The yaml's line 1 is the line after the fence.
                Error(where, yamlError!, blockLine + (yamlLine ?? 0));
                return false;
            }
            foreach (string missing in RequiredParameterFields.Where(name => !fields.Has(name)))
                Error(where, $"the yaml block has no '{missing}:'", blockLine);
            foreach (string unknown in fields.Names.Where(name => !RequiredParameterFields.Contains(name) && !OptionalParameterFields.Contains(name)))
                Error(where, $"unknown yaml field '{unknown}:'", blockLine);

            parameter.Type = fields["Type"];
            if (fields.Has("Type") && parameter.Type.Length == 0)
                Error(where, "'Type:' is empty", blockLine);
            parameter.ParameterSets.AddRange(List(fields["Parameter Sets"]));
            if (fields.Has("Parameter Sets") && parameter.ParameterSets.Count == 0)
                Error(where, "'Parameter Sets:' is empty; write (All) for a parameter of every set", blockLine);
            parameter.Aliases.AddRange(List(fields["Aliases"]));
            parameter.AcceptedValues.AddRange(List(fields["Accepted values"]));
            parameter.DefaultValue = fields["Default value"];
            parameter.Required = Boolean(fields, "Required", where, blockLine);
            parameter.Globbing = Boolean(fields, "Accept wildcard characters", where, blockLine);

            string position = fields["Position"];
            if (position == "Named" || (int.TryParse(position, out int index) && index >= 0 && index.ToString() == position))
                parameter.Position = position;
            else if (fields.Has("Position"))
                Error(where, $"'Position: {position}' must be Named or a number from 0", blockLine);

            string pipeline = fields["Accept pipeline input"];
            if (IsPipelineInput(pipeline))
                parameter.PipelineInput = pipeline;
            else if (fields.Has("Accept pipeline input"))
                Error(where, $"'Accept pipeline input: {pipeline}' must be False or True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName)", blockLine);
            return true;
        }

        private static bool IsPipelineInput(string value)
        {
            if (value == "False") return true;
            if (!value.StartsWith("True (", StringComparison.Ordinal) || !value.EndsWith(")", StringComparison.Ordinal)) return false;
            string[] ways = value.Substring(6, value.Length - 7).Split(',').Select(way => way.Trim()).ToArray();
            return ways.Length > 0 && ways.All(way => way == "ByValue" || way == "ByPropertyName") && ways.Distinct().Count() == ways.Length;
        }

        private bool Boolean(YamlFields fields, string name, string where, int line)
        {
            string value = fields[name];
            if (string.Equals(value, "True", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(value, "False", StringComparison.OrdinalIgnoreCase)) return false;
            if (fields.Has(name))
                Error(where, $"'{name}: {value}' must be True or False", line);
            return false;
        }

        private static IEnumerable<string> List(string value) =>
            value.Split(',').Select(item => item.Trim()).Where(item => item.Length > 0);

        private void ReadTypes(PageSection section, List<TypeHelp> types)
        {
            string name = section.Title;
            List<PageSection> parts = PageSection.Split(section.Blocks, 3, _source);
            if (parts[0].Blocks.Count > 0)
                Error(name, "text before the first '### TypeName' belongs to no type", parts[0].Line);
            if (parts.Count == 1)
                Error(name, "the section has no '### TypeName' (write '### None' when there is none)", section.Line);
            foreach (PageSection part in parts.Skip(1))
            {
                var type = new TypeHelp { Name = part.Title };
                type.Description.AddRange(Text(part.Blocks, $"{name} > {part.Title}"));
                types.Add(type);
            }
        }

        private void ReadRelatedLinks(PageSection section)
        {
            foreach (Block block in section.Blocks)
            {
                var links = block is ParagraphBlock paragraph ? MarkdownText.Links(paragraph, _source).ToList() : null;
                if (links == null || links.Count == 0 || MarkdownText.TextOutsideLinks((ParagraphBlock)block, _source).Trim().Length > 0)
                {
                    Error("RELATED LINKS", "expected only links, one a paragraph: [Text](Page.md) or [Text](https://...)", block.Line + 1);
                    continue;
                }
                foreach ((string text, string url) in links)
                {
                    RelatedLink? link = ResolveLink(text, url, block.Line + 1);
                    if (link != null)
                        _help.RelatedLinks.Add(link);
                }
            }
        }

        private RelatedLink? ResolveLink(string text, string url, int line)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
                return new RelatedLink { Text = text, Uri = url };

            // A relative link is another file of docs/en-US; a broken one is caught here rather than online.
            string target = Path.Combine(Path.GetDirectoryName(_file) ?? ".", url);
            if (url.Length == 0 || url.Contains("://") || !File.Exists(target))
            {
                Error("RELATED LINKS", $"[{text}]({url}) links to no file beside the page", line);
                return null;
            }
            // A cmdlet page is online next to this one; an about topic is shown by Get-Help by name, so no address.
            string uri = url.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && _help.OnlineVersion.Length > 0
                ? new Uri(new Uri(_help.OnlineVersion), url).AbsoluteUri
                : "";
            return new RelatedLink { Text = text, Uri = uri };
        }

        /// <summary>The blocks' text; a platyPS placeholder left in it (<c>{{ Fill ... }}</c>) is an error.</summary>
        private List<string> Text(IEnumerable<Block> blocks, string where)
        {
            List<Block> list = blocks.ToList();
            List<string> text = MarkdownText.Paragraphs(list, _source);
            foreach (Block block in list.Where(block => MarkdownText.Source(block, _source).Contains("{{ Fill")))
                Error(where, "a platyPS placeholder '{{ Fill ... }}' is left in the text", block.Line + 1);
            return text;
        }

        private void Error(string section, string message, int? line = null) =>
            _errors.Add(new HelpError(_file, section, message, line));
    }
}
