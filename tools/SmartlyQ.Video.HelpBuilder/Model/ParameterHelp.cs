using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>One <c>### -Name</c> subsection of PARAMETERS: its text and its yaml block.</summary>
    internal sealed class ParameterHelp
    {
        /// <summary>The name without the hyphen.</summary>
        public string Name { get; set; } = "";

        /// <summary>The paragraphs before the yaml block.</summary>
        public List<string> Description { get; } = new List<string>();

        /// <summary><c>Type</c>, for example <c>String[]</c> or <c>SwitchParameter</c>.</summary>
        public string Type { get; set; } = "";

        /// <summary><c>Parameter Sets</c>: set names, or just <see cref="SyntaxSet.AllSets"/>.</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        /// <summary><c>Aliases</c>.</summary>
        public List<string> Aliases { get; } = new List<string>();

        /// <summary><c>Accepted values</c> (a ValidateSet), empty when the field is absent.</summary>
        public List<string> AcceptedValues { get; } = new List<string>();

        /// <summary><c>Required</c>.</summary>
        public bool Required { get; set; }

        /// <summary><c>Position</c>: <c>Named</c> or a number.</summary>
        public string Position { get; set; } = "Named";

        /// <summary><c>Default value</c>.</summary>
        public string DefaultValue { get; set; } = "";

        /// <summary><c>Accept pipeline input</c>, for example <c>True (ByPropertyName)</c> or <c>False</c>.</summary>
        public string PipelineInput { get; set; } = "False";

        /// <summary><c>Accept wildcard characters</c>.</summary>
        public bool Globbing { get; set; }

        /// <summary>True for a <c>SwitchParameter</c>: it takes no value.</summary>
        public bool IsSwitch => Type == "SwitchParameter";

        /// <summary>True when <see cref="Position"/> is <c>Named</c>.</summary>
        public bool IsNamed => Position == "Named";

        /// <summary>
        /// The further yaml blocks of the same parameter, each for its own sets (where Required, Position or pipeline
        /// input differ between sets); the first block is this object itself.
        /// </summary>
        public List<ParameterHelp> Variants { get; } = new List<ParameterHelp>();

        /// <summary>The sets of every yaml block.</summary>
        public IEnumerable<string> AllParameterSets => ParameterSets.Concat(Variants.SelectMany(variant => variant.ParameterSets));

        /// <summary>True when the parameter belongs to <paramref name="set"/> (in any of its yaml blocks).</summary>
        public bool IsIn(string set) => IsOwn(set) || Variants.Any(variant => variant.IsOwn(set));

        /// <summary>The yaml block that describes the parameter in <paramref name="set"/> (this one when none names it).</summary>
        public ParameterHelp ForSet(string set) => IsOwn(set) ? this : Variants.FirstOrDefault(variant => variant.IsOwn(set)) ?? this;

        private bool IsOwn(string set) => ParameterSets.Contains(SyntaxSet.AllSets) || ParameterSets.Contains(set);
    }
}
