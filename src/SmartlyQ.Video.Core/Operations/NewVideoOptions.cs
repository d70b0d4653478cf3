using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Command-level parameters of New-SqVideo (the per-row ones are in <see cref="NewVideoInput"/>).</summary>
    public sealed class NewVideoOptions
    {
        /// <summary>
        /// -BatchId: derive each row's idempotency key from this id, the request and its occurrence number, so running
        /// the same batch again submits nothing new within the API's 24 h window. Null: a new random key per row.
        /// A row's own IdempotencyKey always wins.
        /// </summary>
        public string? BatchId { get; init; }

        /// <summary>
        /// The column names that bind (parameters and aliases, plus any handled elsewhere). With it, an input
        /// object's column that binds to nothing but resembles one of them makes the row an error, and other unknown
        /// columns are warned about once. Null: columns are not checked.
        /// </summary>
        public ColumnNames? Columns { get; init; }
    }
}
