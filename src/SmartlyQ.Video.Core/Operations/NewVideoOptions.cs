using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Command-level parameters of New-SqVideo (the per-row ones are in <see cref="NewVideoInput"/>).</summary>
    public sealed class NewVideoOptions
    {
        /// <summary>
        /// -BatchId: derive each row's key from this id, the request and its occurrence number, and record each row's
        /// key → job id in the local batch journal before and after the submit, so running the same batch again submits
        /// nothing that already has a job, on every provider. Where the provider takes idempotency keys the derived key
        /// is also sent (a row's own IdempotencyKey wins there). Null: a new random key per row, no journal.
        /// </summary>
        public string? BatchId { get; init; }

        /// <summary>
        /// -JournalPath: the folder that holds batch journals (one file per provider and batch id); an absolute path.
        /// Null: <see cref="Journal.BatchJournal.DefaultDirectory"/> (the user's local application data).
        /// </summary>
        public string? JournalPath { get; init; }

        /// <summary>
        /// The column names that bind (parameters and aliases, plus any handled elsewhere). With it, an input
        /// object's column that binds to nothing but resembles one of them makes the row an error, and other unknown
        /// columns are warned about once. Null: columns are not checked.
        /// </summary>
        public ColumnNames? Columns { get; init; }

        /// <summary>
        /// -ThrottleLimit: for a provider whose generation is one long request run in the background (A4F), how many run
        /// at once (1–32; see <see cref="Providers.SubmitOptions.ThrottleLimit"/>). Null: the provider's default (4).
        /// </summary>
        public int? ThrottleLimit { get; init; }
    }
}
