using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// Streams a video into a temporary file beside its final path and renames it only when complete, so a
    /// half-written video never carries the final name. The temporary file is deleted on any failure or cancel.
    /// </summary>
    internal static class VideoFileWriter
    {
        /// <summary>Suffix of in-progress files: <c>.&lt;name&gt;.&lt;random&gt;.partial</c>.</summary>
        public const string PartialSuffix = ".partial";
        private const int BufferSize = 81920;

        /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/>; returns the bytes written.</summary>
        public static async Task<long> DownloadAsync(IVideoProvider provider, Uri url, string path, bool overwrite, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            string directory = Path.GetDirectoryName(path)!;
            string temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + PartialSuffix);
            try
            {
                long bytes;
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                {
                    bytes = await provider.DownloadAsync(url, file, progress, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                // netstandard2.0's File.Move cannot overwrite.
                if (overwrite && File.Exists(path)) File.Delete(path);
                File.Move(temp, path);
                return bytes;
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
