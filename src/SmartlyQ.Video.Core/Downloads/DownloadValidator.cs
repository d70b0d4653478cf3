using System;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// What a file server said about one version of a file when it started sending it: its length, strong ETag and
    /// Last-Modified, each null when the answer did not carry it. Bytes kept from that answer are only continued
    /// while the server still says the same.
    /// </summary>
    public sealed class DownloadValidator
    {
        /// <summary>Creates a validator; every part is optional.</summary>
        /// <param name="length">Bytes of the complete file (Content-Length of the whole-file answer); not negative.</param>
        /// <param name="etag">Strong entity tag as sent, with its quotes, e.g. <c>"abc-123"</c>; weak tags (<c>W/…</c>) are refused.</param>
        /// <param name="lastModified">The answer's Last-Modified.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
        /// <exception cref="ArgumentException"><paramref name="etag"/> is empty or weak.</exception>
        public DownloadValidator(long? length, string? etag, DateTimeOffset? lastModified)
        {
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "The length must not be negative.");
            if (etag != null && (etag.Length == 0 || etag.StartsWith("W/", StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException("Only a non-empty strong ETag identifies a file version.", nameof(etag));
            Length = length;
            ETag = etag;
            LastModified = lastModified;
        }

        /// <summary>Bytes of the complete file, or null when not announced.</summary>
        public long? Length { get; }

        /// <summary>Strong entity tag with its quotes, or null.</summary>
        public string? ETag { get; }

        /// <summary>Last-Modified of the file, or null.</summary>
        public DateTimeOffset? LastModified { get; }
    }
}
