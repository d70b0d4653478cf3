using System;
using System.IO;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>What Save-SqVideo's operation writes per video: the file as saved and the job it is the video of.</summary>
    public sealed class SavedVideo
    {
        /// <summary>Creates the result.</summary>
        public SavedVideo(FileInfo file, VideoJob job, long bytesWritten)
        {
            File = file ?? throw new ArgumentNullException(nameof(file));
            Job = job ?? throw new ArgumentNullException(nameof(job));
            BytesWritten = bytesWritten;
        }

        /// <summary>The saved file (its final name; the temporary file is gone).</summary>
        public FileInfo File { get; }

        /// <summary>The completed job whose video it is.</summary>
        public VideoJob Job { get; }

        /// <summary>Bytes this run wrote (less than the file's length when an earlier run's temporary file was continued).</summary>
        public long BytesWritten { get; }

        /// <inheritdoc />
        public override string ToString() => File.FullName;
    }
}
