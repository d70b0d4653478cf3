using System;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>
    /// The first line of a journal file: which batch, provider and account it belongs to, e.g.
    /// <c>{"format":"smartlyq-video-batch-journal","version":1,"batch_id":"prompts-2026-03","provider":"openai","identity_sha256":"…","created_at":"2026-03-01T10:00:00Z"}</c>.
    /// The identity is kept only as a SHA-256, so even a careless caller's identity text never reaches the disk.
    /// </summary>
    internal sealed class JournalHeaderDto
    {
        /// <summary>Always <see cref="BatchJournal.Format"/>: tells a journal from any other JSON lines file.</summary>
        public string? Format { get; set; }

        /// <summary>File format version; this code writes and reads <see cref="BatchJournal.FormatVersion"/>.</summary>
        public int? Version { get; set; }

        /// <summary>The exact (trimmed) batch id, so a file-name hash collision or a copied file is detected.</summary>
        public string? BatchId { get; set; }

        /// <summary>The provider folder name.</summary>
        public string? Provider { get; set; }

        /// <summary>Lower-case hex SHA-256 of the caller's UTF-8 identity string.</summary>
        public string? IdentitySha256 { get; set; }

        /// <summary>When the journal was created, UTC.</summary>
        public DateTime? CreatedAt { get; set; }
    }

    /// <summary>
    /// One state change of one row (every line after the header). Which fields are present depends on
    /// <see cref="State"/>; <see cref="BatchJournal"/> documents the four shapes.
    /// </summary>
    internal sealed class JournalEntryDto
    {
        /// <summary>The caller's row key.</summary>
        public string? Key { get; set; }

        /// <summary><c>submitting</c>, <c>submitted</c>, <c>refused</c> or <c>resolved</c>.</summary>
        public string? State { get; set; }

        /// <summary>When the entry was written, UTC.</summary>
        public DateTime? At { get; set; }

        /// <summary>submitting: the model asked for.</summary>
        public string? Model { get; set; }

        /// <summary>submitting: lower-case hex SHA-256 of the prompt (never the prompt itself).</summary>
        public string? PromptSha256 { get; set; }

        /// <summary>submitted, and resolved when a job was found: the provider's job id.</summary>
        public string? JobId { get; set; }

        /// <summary>refused: why the API refused.</summary>
        public string? Reason { get; set; }

        /// <summary>resolved: how reconciliation decided.</summary>
        public string? How { get; set; }
    }
}
