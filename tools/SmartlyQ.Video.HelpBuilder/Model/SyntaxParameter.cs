namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>A parameter as a SYNTAX block writes it, for example <c>[[-Name] &lt;String[]&gt;]</c>.</summary>
    internal sealed class SyntaxParameter
    {
        /// <summary>The name without the hyphen.</summary>
        public string Name { get; set; } = "";

        /// <summary>The type in angle brackets, or null for a switch.</summary>
        public string? Type { get; set; }

        /// <summary>True when the whole parameter is in square brackets.</summary>
        public bool IsOptional { get; set; }

        /// <summary>True when the name alone is in square brackets (<c>[-Name] &lt;T&gt;</c>): it binds by position.</summary>
        public bool IsPositional { get; set; }
    }
}
