namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>An input column that binds to nothing but looks like a parameter: a different spelling or one typo away.</summary>
    public sealed class ColumnMismatch
    {
        /// <summary>Creates a mismatch of <paramref name="column"/> with <paramref name="parameter"/>.</summary>
        public ColumnMismatch(string column, string parameter, string suggestion)
        {
            Column = column;
            Parameter = parameter;
            Suggestion = suggestion;
        }

        /// <summary>The column (property) as the input spells it, e.g. <c>aspect ratio</c>.</summary>
        public string Column { get; }

        /// <summary>The parameter it resembles, e.g. <c>AspectRatio</c>.</summary>
        public string Parameter { get; }

        /// <summary>The names that do bind, for the error message, e.g. <c>aspect_ratio or AspectRatio</c>.</summary>
        public string Suggestion { get; }
    }
}
