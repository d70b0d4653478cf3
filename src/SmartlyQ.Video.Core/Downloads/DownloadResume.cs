using System;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// A download into a destination that may already hold the first <see cref="Offset"/> bytes of the file, fetched
    /// by an earlier attempt (a run that was killed) when the server announced <see cref="Validator"/>. The download
    /// continues after them only when the server confirms the same file (ETag, Last-Modified, length); otherwise it
    /// starts over from byte 0. Used by <see cref="Providers.IVideoProvider.DownloadAsync"/> (the transport continues or restarts it).
    /// </summary>
    public sealed class DownloadResume
    {
        /// <summary>Creates the resume state.</summary>
        /// <param name="offset">Bytes of the file already in the destination, ending at its current position; 0 for a fresh download.</param>
        /// <param name="validator">What the server announced when those bytes were fetched; null when unknown (the bytes are then continued unchecked).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
        public DownloadResume(long offset, DownloadValidator? validator)
        {
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must not be negative.");
            Offset = offset;
            Validator = validator;
        }

        /// <summary>Bytes already in the destination.</summary>
        public long Offset { get; }

        /// <summary>The validator recorded with those bytes, or null.</summary>
        public DownloadValidator? Validator { get; }

        /// <summary>
        /// Called with the new validator whenever the server starts sending the whole file (a fresh download, or a
        /// start over), after the destination was emptied and before its first byte is written: the place to record
        /// it next to the bytes, so a later attempt can check them.
        /// </summary>
        public Action<DownloadValidator>? WholeFileStarted { get; set; }

        /// <summary>After the download: how many of the <see cref="Offset"/> bytes were kept (0 when it started over).</summary>
        public long KeptBytes { get; internal set; }
    }
}
