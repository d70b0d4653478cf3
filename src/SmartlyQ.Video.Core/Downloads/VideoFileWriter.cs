using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// Streams a job's video into its temporary file beside the final path (<see cref="PartialFile"/>) and renames it
    /// only when complete, so a half-written video never carries the final name. The temporary file is held
    /// exclusively (<see cref="ExclusiveFile"/>) from open to rename. When a run was killed, the next run for the same
    /// job and target finds the file and continues it with a Range request, checked against the validator in its state
    /// file (<see cref="PartialFileState"/>); without a readable state, or when the server says the file changed, it
    /// starts over. A failure or cancel in this run deletes the temporary file and its state.
    /// </summary>
    internal static class VideoFileWriter
    {
        /// <summary>
        /// Downloads the video of <paramref name="job"/> through <paramref name="provider"/> to <paramref name="path"/>; returns
        /// the file's length and how many of its bytes were kept from an earlier run's temporary file. Throws
        /// <see cref="IOException"/> when another process is saving the same job to the same path (its temporary file
        /// is held; it is left alone), or when <paramref name="path"/> appeared meanwhile and <paramref name="overwrite"/> is false.
        /// </summary>
        public static async Task<(long Length, long KeptBytes)> DownloadAsync(
            IVideoProvider provider, JobSnapshot job, string path, bool overwrite, IProgress<long>? progress, CancellationToken cancellationToken)
        {
            string jobUid = job.JobUid;
            PartialFile partial = PartialFile.For(path, jobUid);
            FileStream? file = ExclusiveFile.TryOpen(partial.Path, create: true);
            if (file == null)
                throw new IOException("Another process is saving job " + jobUid + " to '" + path + "' right now (its temporary file '" +
                    Path.GetFileName(partial.Path) + "' is in use); nothing was downloaded. Run again when it has finished: the file will then exist, or be continued.");

            using (file)
            {
                try
                {
                    PartialFile.SetHidden(partial.Path, true);
                    if (!overwrite && File.Exists(path))
                        throw new IOException("'" + path + "' was created by another process while this one waited to save job " + jobUid + "; it was kept. Use -Force to overwrite it.");

                    long offset = file.Length;
                    PartialFileState? state = offset > 0 ? PartialFileState.TryRead(partial.StatePath) : null;
                    if (offset > 0 && (state == null || state.JobUid != jobUid || state.FileName != partial.FileName))
                    {
                        // Bytes without a record of the file version they came from cannot be checked: start over.
                        VerboseLog.Write("Starting " + jobUid + " over: its temporary file holds " + offset.ToString("N0", CultureInfo.InvariantCulture) +
                            " bytes but no readable state file.");
                        file.SetLength(0);
                        offset = 0;
                        state = null;
                    }

                    file.Position = offset;
                    var resume = new DownloadResume(offset, state?.Validator)
                    {
                        WholeFileStarted = validator => PartialFileState.Write(partial.StatePath, jobUid, partial.FileName, validator),
                    };
                    long length = await provider.DownloadAsync(job, file, resume, progress, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);

                    // Still held: renamed (and its state deleted) before any other process can open the temporary name.
                    PartialFile.SetHidden(partial.Path, false);

                    // netstandard2.0's File.Move cannot overwrite.
                    if (overwrite && File.Exists(path)) File.Delete(path);
                    File.Move(partial.Path, path);
                    TryDelete(partial.StatePath);
                    return (length, resume.KeptBytes);
                }
                catch
                {
                    // Ours (held): removed before the handle is released, so no other process sees it half-deleted.
                    TryDelete(partial.StatePath);
                    TryDelete(partial.Path);
                    throw;
                }
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
