using System.Collections.Generic;

namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>One SYNTAX code block: a parameter set and the parameters it lists, in the written order.</summary>
    internal sealed class SyntaxSet
    {
        /// <summary>The set for the parameters' <c>Parameter Sets</c> field, or <see cref="AllSets"/> when the page has a single unnamed block.</summary>
        public string Name { get; set; } = AllSets;

        /// <summary>True for the heading marked <c>(Default)</c>.</summary>
        public bool IsDefault { get; set; }

        /// <summary>The parameters as written in the block.</summary>
        public List<SyntaxParameter> Parameters { get; } = new List<SyntaxParameter>();

        /// <summary>True when the block ends with <c>[&lt;CommonParameters&gt;]</c>.</summary>
        public bool HasCommonParameters { get; set; }

        /// <summary>The 1-based line of the code block, for error messages.</summary>
        public int? Line { get; set; }

        /// <summary>What platyPS writes in <c>Parameter Sets</c> for a parameter of every set.</summary>
        public const string AllSets = "(All)";
    }
}
