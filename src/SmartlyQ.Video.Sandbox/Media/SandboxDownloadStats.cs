using System.Threading;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// What the video file route (<c>GET /files/{job_uid}.mp4</c>) has sent, for tests of resumed downloads: answers
    /// that sent body bytes, how many of them began after byte 0 (Range requests that continued a file), the body
    /// bytes sent and the bytes those continued answers did not have to send again. HEAD, 404 and 416 answers send no
    /// body and are not counted. Bytes are counted as the route reads them from the file, so an answer cut by a client
    /// that went away may count a buffer more than arrived. Thread-safe. From <see cref="SandboxServer.Downloads"/> and
    /// <c>GET /sandbox/downloads</c>.
    /// </summary>
    public sealed class SandboxDownloadStats
    {
        private long _answers;
        private long _continued;
        private long _bytesSent;
        private long _bytesSkipped;

        internal SandboxDownloadStats()
        {
        }

        /// <summary>File answers (200 or 206) that sent at least one body byte.</summary>
        public long Answers => Interlocked.Read(ref _answers);

        /// <summary>Of <see cref="Answers"/>, those whose body began after byte 0: a Range request continuing a file.</summary>
        public long Continued => Interlocked.Read(ref _continued);

        /// <summary>Body bytes sent, all answers together.</summary>
        public long BytesSent => Interlocked.Read(ref _bytesSent);

        /// <summary>Sum of the start offsets of <see cref="Continued"/> answers: bytes the clients already had and did not download again.</summary>
        public long BytesSkipped => Interlocked.Read(ref _bytesSkipped);

        /// <summary>Sets every counter back to 0.</summary>
        public void Reset()
        {
            Interlocked.Exchange(ref _answers, 0);
            Interlocked.Exchange(ref _continued, 0);
            Interlocked.Exchange(ref _bytesSent, 0);
            Interlocked.Exchange(ref _bytesSkipped, 0);
        }

        /// <inheritdoc />
        public override string ToString() =>
            $"answers={Answers} continued={Continued} bytes_sent={BytesSent} bytes_skipped={BytesSkipped}";

        internal void AddAnswer(long startOffset)
        {
            Interlocked.Increment(ref _answers);
            if (startOffset <= 0) return;
            Interlocked.Increment(ref _continued);
            Interlocked.Add(ref _bytesSkipped, startOffset);
        }

        internal void AddBytes(long bytes) => Interlocked.Add(ref _bytesSent, bytes);
    }
}
