using System.Collections.Generic;

namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>The help of one cmdlet, as read from its page (docs/en-US/Verb-Noun.md).</summary>
    internal sealed class CommandHelp
    {
        /// <summary>Verb-Noun, from the page's <c># Name</c> heading.</summary>
        public string Name { get; set; } = "";

        /// <summary>The address of the online page (front matter <c>online version</c>).</summary>
        public string OnlineVersion { get; set; } = "";

        /// <summary>The SYNOPSIS paragraph.</summary>
        public string Synopsis { get; set; } = "";

        /// <summary>The DESCRIPTION paragraphs.</summary>
        public List<string> Description { get; } = new List<string>();

        /// <summary>The SYNTAX code blocks, one per parameter set.</summary>
        public List<SyntaxSet> Syntax { get; } = new List<SyntaxSet>();

        /// <summary>The PARAMETERS subsections, in page order.</summary>
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>True when PARAMETERS has a <c>### CommonParameters</c> subsection.</summary>
        public bool SupportsCommonParameters { get; set; }

        /// <summary>The EXAMPLES subsections.</summary>
        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        /// <summary>The INPUTS subsections.</summary>
        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        /// <summary>The OUTPUTS subsections.</summary>
        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        /// <summary>The NOTES paragraphs.</summary>
        public List<string> Notes { get; } = new List<string>();

        /// <summary>The RELATED LINKS, relative page links already made absolute.</summary>
        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();

        /// <summary>The part of <see cref="Name"/> before the first hyphen.</summary>
        public string Verb => Name.Substring(0, Name.IndexOf('-'));

        /// <summary>The part of <see cref="Name"/> after the first hyphen.</summary>
        public string Noun => Name.Substring(Name.IndexOf('-') + 1);
    }
}
