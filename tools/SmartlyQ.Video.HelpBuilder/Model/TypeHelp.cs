using System.Collections.Generic;

namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>One <c>### TypeName</c> subsection of INPUTS or OUTPUTS.</summary>
    internal sealed class TypeHelp
    {
        /// <summary>The type name, or <c>None</c>.</summary>
        public string Name { get; set; } = "";

        /// <summary>The paragraphs under it.</summary>
        public List<string> Description { get; } = new List<string>();
    }
}
