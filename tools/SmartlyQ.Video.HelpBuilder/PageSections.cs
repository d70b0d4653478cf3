using System.Collections.Generic;
using Markdig.Syntax;

namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>A run of blocks under one heading (or before the first heading of a section, with no heading).</summary>
    internal sealed class PageSection
    {
        /// <summary>Creates a section under <paramref name="heading"/> (null for the blocks before the first heading).</summary>
        public PageSection(HeadingBlock? heading, string title)
        {
            Heading = heading;
            Title = title;
        }

        /// <summary>The heading, or null.</summary>
        public HeadingBlock? Heading { get; }

        /// <summary>The heading's text, empty without a heading.</summary>
        public string Title { get; }

        /// <summary>The blocks under the heading, up to the next heading of the same or a higher level.</summary>
        public List<Block> Blocks { get; } = new List<Block>();

        /// <summary>The 1-based line of the heading (of the first block without one), for error messages.</summary>
        public int? Line => Heading != null ? Heading.Line + 1 : Blocks.Count > 0 ? Blocks[0].Line + 1 : (int?)null;

        /// <summary>Splits <paramref name="blocks"/> at the headings of <paramref name="level"/>; the first part has no heading.</summary>
        public static List<PageSection> Split(IEnumerable<Block> blocks, int level, string source)
        {
            var sections = new List<PageSection> { new PageSection(null, "") };
            foreach (Block block in blocks)
            {
                if (block is HeadingBlock heading && heading.Level == level)
                    sections.Add(new PageSection(heading, MarkdownText.Of(heading, source)));
                else
                    sections[sections.Count - 1].Blocks.Add(block);
            }
            return sections;
        }
    }
}
