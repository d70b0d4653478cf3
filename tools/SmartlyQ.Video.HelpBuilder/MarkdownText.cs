using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>
    /// The text of Markdown blocks as Get-Help shows it. Inline Markdown (<c>`code`</c>, <c>*emphasis*</c>) is kept as
    /// written, as platyPS does: Get-Help prints it verbatim and readers know it from the online pages.
    /// </summary>
    internal static class MarkdownText
    {
        /// <summary>A heading's text.</summary>
        public static string Of(HeadingBlock heading, string source) =>
            heading.Inline == null ? "" : Inline(heading.Inline, source).Trim();

        /// <summary>
        /// One entry per block: a paragraph's lines joined by spaces (they are wrapped only for the source; Get-Help
        /// wraps to the console), a code block's lines as they are, anything else (lists, quotes, tables) as written.
        /// </summary>
        public static List<string> Paragraphs(IEnumerable<Block> blocks, string source)
        {
            var paragraphs = new List<string>();
            foreach (Block block in blocks)
            {
                string text = block switch
                {
                    ParagraphBlock paragraph => JoinLines(Source(paragraph, source)),
                    CodeBlock code => Code(code),
                    _ => Source(block, source).TrimEnd(),
                };
                if (text.Length > 0)
                    paragraphs.Add(text);
            }
            return paragraphs;
        }

        /// <summary>A code block's content, without its fences.</summary>
        public static string Code(CodeBlock code) =>
            string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(line => line.ToString().TrimEnd())).Trim('\n');

        /// <summary>The Markdown source of a block.</summary>
        public static string Source(Block block, string source) =>
            block.Span.IsEmpty ? "" : source.Substring(block.Span.Start, block.Span.Length);

        private static string JoinLines(string text) =>
            string.Join(" ", text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

        private static string Inline(ContainerInline container, string source)
        {
            var text = new StringBuilder();
            foreach (Inline inline in container)
                Append(text, inline, source);
            return text.ToString();
        }

        private static void Append(StringBuilder text, Inline inline, string source)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    string delimiter = new string(code.Delimiter, code.DelimiterCount);
                    text.Append(delimiter).Append(code.Content).Append(delimiter);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline nested:
                    text.Append(Inline(nested, source));
                    break;
                default:
                    if (!inline.Span.IsEmpty)
                        text.Append(source, inline.Span.Start, inline.Span.Length);
                    break;
            }
        }

        /// <summary>The links of a paragraph: each link's text and URL.</summary>
        public static IEnumerable<(string Text, string Url)> Links(ParagraphBlock paragraph, string source)
        {
            if (paragraph.Inline == null)
                yield break;
            foreach (LinkInline link in paragraph.Inline.Descendants<LinkInline>())
                yield return (Inline(link, source).Trim(), link.Url ?? "");
        }

        /// <summary>The paragraph's text other than its links (whitespace only when it holds nothing else).</summary>
        public static string TextOutsideLinks(ParagraphBlock paragraph, string source)
        {
            var text = new StringBuilder();
            if (paragraph.Inline != null)
            {
                foreach (Inline inline in paragraph.Inline)
                {
                    if (!(inline is LinkInline))
                        Append(text, inline, source);
                }
            }
            return text.ToString();
        }
    }
}
