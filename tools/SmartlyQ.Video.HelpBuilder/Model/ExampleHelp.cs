using System.Collections.Generic;

namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>One <c>### Example N: title</c> subsection of EXAMPLES.</summary>
    internal sealed class ExampleHelp
    {
        /// <summary>The heading, for example <c>Example 1: Save the videos of a batch</c>.</summary>
        public string Title { get; set; } = "";

        /// <summary>The code blocks, joined by a blank line.</summary>
        public string Code { get; set; } = "";

        /// <summary>The paragraphs other than code.</summary>
        public List<string> Remarks { get; } = new List<string>();
    }
}
