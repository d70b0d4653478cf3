namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>One rejected request field: its API name (e.g. <c>aspect_ratio</c>) and why, with the allowed values.</summary>
    public sealed class FieldError
    {
        /// <summary>Creates a field error.</summary>
        public FieldError(string field, string message)
        {
            Field = field;
            Message = message;
        }

        /// <summary>The field's API name, snake_case as in the CSV and JSON (<c>duration</c>, <c>image_url</c>).</summary>
        public string Field { get; }

        /// <summary>What is wrong and what is allowed.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Message;
    }
}
