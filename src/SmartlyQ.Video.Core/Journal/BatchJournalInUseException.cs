using System;
using System.IO;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>
    /// Thrown by <see cref="BatchJournal.Open"/> when another journal (another PowerShell session, or another open in
    /// this one) holds the batch's file: two runs of one batch at once could each submit the same row. Message:
    /// <c>batch '&lt;id&gt;' is in use by another PowerShell session: &lt;path&gt;</c>.
    /// </summary>
    public sealed class BatchJournalInUseException : IOException
    {
        /// <summary>Creates the exception for <paramref name="batchId"/>'s journal at <paramref name="path"/>.</summary>
        public BatchJournalInUseException(string batchId, string path, Exception? innerException)
            : base("batch '" + Validation.UnsafeCharacters.Show(batchId) + "' is in use by another PowerShell session: " + path
                   + ". Wait for it to finish, or stop it, then run the batch again.", innerException)
        {
            BatchId = batchId;
            Path = path;
        }

        /// <summary>The batch id that was being opened.</summary>
        public string BatchId { get; }

        /// <summary>Full path of the journal file.</summary>
        public string Path { get; }
    }
}
