using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Save-SqVideo: downloads each finished job's video to <c>-Path</c>, up to -ThrottleLimit at once, each through a
    /// temporary file renamed when complete, and writes a <see cref="SavedVideo"/> (file and job) per video as it finishes. A record
    /// hands its download over and returns; <see cref="CompleteAsync"/> (EndProcessing) waits for the rest. An existing
    /// file is skipped with a warning unless -Force. A temporary file a killed run left for the same job and file is
    /// continued (<see cref="VideoFileWriter"/>); once a job's video exists, its stale temporary files in the folder are
    /// removed (<see cref="StalePartials"/>).
    /// </summary>
    public sealed class SaveVideoOperation : IDisposable
    {
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
        private readonly SmartlyQConnection _connection;
        private readonly SaveVideoOptions _options;
        private readonly SemaphoreSlim _slots;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly SaveProgress _progress = new SaveProgress();
        // Downloads outlive the record that started them and its sink: what they have to say waits here.
        private readonly ConcurrentQueue<Action<IOperationSink>> _pending = new ConcurrentQueue<Action<IOperationSink>>();
        private readonly List<Task> _downloads = new List<Task>();
        private readonly HashSet<string> _claimedPaths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Creates the operation for one pipeline run.</summary>
        public SaveVideoOperation(SmartlyQConnection connection, SaveVideoOptions options)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            _slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
        }

        /// <summary>
        /// Hands one job, given as a <see cref="VideoJob"/> or a <paramref name="jobUid"/> (then looked up with
        /// <c>GET /jobs/{job_uid}</c>), to a download slot, waiting only while all -ThrottleLimit slots are busy, and
        /// writes what earlier downloads have finished. A job that is not completed, a bad -FileName or a failed
        /// download is a non-terminating error; a -Path that is missing or a file is terminating.
        /// </summary>
        public async Task ProcessAsync(VideoJob? job, string? jobUid, object? targetObject, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink);
            Flush(sink);
            RequireFolder(_options.Directory);
            object target = targetObject ?? (object?)job ?? jobUid ?? "";
            try
            {
                // The same check for a piped job as for -JobUid: its uid goes into a URL path.
                string uid = JobUids.Validate(job != null ? job.JobUid : jobUid);
                job ??= new VideoJob { JobUid = uid, Status = JobStatus.Unknown };
            }
            catch (ArgumentException ex)
            {
                sink.WriteError(new OperationError(ex, "InvalidJobUid", ErrorKind.InvalidArgument, target));
                return;
            }

            if (job.Status != JobStatus.Succeeded || job.VideoUrl == null)
            {
                try
                {
                    job = job.With(await _connection.Videos.GetJobAsync(job.JobUid, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    OperationError error = ApiErrorTranslator.ToError(ex, target, "Job " + job.JobUid, _connection.Videos);
                    if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                    sink.WriteError(error);
                    return;
                }
            }

            if (job.Status != JobStatus.Succeeded || job.VideoUrl == null)
            {
                string why = job.Status == JobStatus.Failed ? " failed (" + (job.Error?.ToString() ?? "no reason given") + ")" : " is " + job.Status.ToText();
                sink.WriteError(new OperationError(
                    new InvalidOperationException("Job " + job.JobUid + why + "; only succeeded jobs have a video to save."),
                    "JobNotCompleted", ErrorKind.InvalidOperation, target, job.RequestId,
                    "Pipe jobs through Wait-SqJob before Save-SqVideo."));
                return;
            }

            bool unsafeUrl = UnsafeCharacters.IndexOf(job.VideoUrl.OriginalString) >= 0;
            if (unsafeUrl || !job.VideoUrl.IsAbsoluteUri || (job.VideoUrl.Scheme != Uri.UriSchemeHttps && job.VideoUrl.Scheme != Uri.UriSchemeHttp))
            {
                sink.WriteError(new OperationError(
                    new InvalidOperationException("Job " + job.JobUid + ": its video URL '" + UnsafeCharacters.Show(job.VideoUrl.OriginalString, 200) + "' "
                        + (unsafeUrl ? "contains a control character or line break" : "is not an http or https URL") + ", so it was not downloaded."),
                    "InvalidVideoUrl", ErrorKind.InvalidResult, target, job.RequestId));
                return;
            }

            string path;
            try
            {
                path = Path.Combine(_options.Directory, FileNameTemplate.Expand(_options.FileName, job));
            }
            catch (ArgumentException ex)
            {
                sink.WriteError(new OperationError(ex, "InvalidFileName", ErrorKind.InvalidArgument, target));
                return;
            }

            if (_claimedPaths.Contains(path) || File.Exists(path) && !_options.Force)
            {
                bool claimed = _claimedPaths.Contains(path);
                string why = claimed ? "another job of this run is saved to '" + path + "'" : "'" + path + "' already exists";
                sink.WriteWarning("Skipped " + job.JobUid + ": " + why + ". Use -Force to overwrite an existing file, or -FileName with {job_uid}.");
                if (!claimed) await RemoveStalePartialsAsync(job.JobUid, Path.GetFileName(path), sink.WriteVerbose, sink.WriteWarning, sink, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!await sink.ShouldProcessAsync(path, "Save video of job " + job.JobUid, cancellationToken).ConfigureAwait(false))
                return;

            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            _claimedPaths.Add(path);
            _progress.Started();
            VideoJob saving = job;
            lock (_downloads) _downloads.Add(Task.Run(() => DownloadAsync(saving, path, target, cancellationToken)));
            Flush(sink);
        }

        /// <summary>EndProcessing: waits for every download, writing each result as it finishes, with progress.</summary>
        public async Task CompleteAsync(IOperationSink sink, CancellationToken cancellationToken)
        {
            Task all;
            lock (_downloads) all = Task.WhenAll(_downloads);
            try
            {
                while (!all.IsCompleted)
                {
                    Flush(sink);
                    await Task.WhenAny(all, Task.Delay(ProgressInterval, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Flush(sink);
            }
            finally
            {
                sink.WriteProgress(SaveProgress.Done());
            }
        }

        /// <summary>Cancels downloads still running and waits (at most one second) for them to remove their temporary files.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            Task[] running;
            lock (_downloads) running = _downloads.ToArray();
            try
            {
                Task.WaitAll(running, TimeSpan.FromSeconds(1));
            }
            catch (AggregateException)
            {
                // Their outcome has nobody left to be reported to.
            }
        }

        private async Task DownloadAsync(VideoJob job, string path, object target, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            using IDisposable log = VerboseLog.Use(line => _pending.Enqueue(s => s.WriteVerbose(line)), line => _pending.Enqueue(s => s.WriteDebug(line)));
            long reported = 0;
            var bytes = new SyncProgress(total =>
            {
                _progress.AddBytes(total - reported);
                reported = total;
            });
            try
            {
                (long written, long kept) = await VideoFileWriter.DownloadAsync(_connection.Videos, job.ToSnapshot(), path, _options.Force, bytes, stop.Token).ConfigureAwait(false);
                var saved = new SavedVideo(new FileInfo(path), job, written);
                string keptText = kept > 0 ? ", " + kept.ToString("N0", CultureInfo.InvariantCulture) + " of them kept from an earlier run's temporary file" : "";
                _pending.Enqueue(s =>
                {
                    s.WriteVerbose("Saved " + job.JobUid + " to " + path + " (" + written.ToString("N0", CultureInfo.InvariantCulture) + " bytes" + keptText + ").");
                    s.WriteObject(saved);
                });
                await RemoveStalePartialsAsync(job.JobUid, Path.GetFileName(path),
                    line => _pending.Enqueue(s => s.WriteVerbose(line)), line => _pending.Enqueue(s => s.WriteWarning(line)), null, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped: the temporary file is already gone; nothing to report.
            }
            catch (Exception ex)
            {
                OperationError error = ex is IOException || ex is UnauthorizedAccessException
                    ? new OperationError(new IOException("Saving job " + job.JobUid + " to '" + path + "' failed: " + ex.Message, ex), "SaveFailed", ErrorKind.WriteError, target)
                    : ApiErrorTranslator.ToError(ex, target, "Downloading job " + job.JobUid, _connection.Videos);
                _pending.Enqueue(s => s.WriteError(error));
            }
            finally
            {
                _progress.Finished();
                _slots.Release();
            }
        }

        /// <summary>
        /// Removes the temporary files <see cref="StalePartials"/> finds for a job whose video now exists, each after
        /// <paramref name="confirm"/>'s ShouldProcess when given (a skipped job: nothing else asked for this change).
        /// A file another process holds is left; a file that cannot be removed is a warning, never an error of the save.
        /// </summary>
        private async Task RemoveStalePartialsAsync(string jobUid, string fileName, Action<string> verbose, Action<string> warning, IOperationSink? confirm, CancellationToken cancellationToken)
        {
            foreach (string partial in StalePartials.Find(_options.Directory, jobUid, fileName))
            {
                string name = Path.GetFileName(partial);
                if (confirm != null && !await confirm.ShouldProcessAsync(partial, "Remove temporary file of job " + jobUid + " (its video exists)", cancellationToken).ConfigureAwait(false))
                    continue;
                try
                {
                    long? freed = StalePartials.TryRemove(partial);
                    verbose(freed.HasValue
                        ? "Removed temporary file '" + name + "' of job " + jobUid + " (" + freed.Value.ToString("N0", CultureInfo.InvariantCulture) + " bytes), left by an earlier run."
                        : "Left temporary file '" + name + "' of job " + jobUid + ": another process has it open.");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    warning("Could not remove temporary file '" + partial + "' of job " + jobUid + ": " + ex.Message);
                }
            }
        }

        /// <summary>Writes what finished downloads left, then the progress bar.</summary>
        private void Flush(IOperationSink sink)
        {
            while (_pending.TryDequeue(out Action<IOperationSink>? write)) write(sink);
            sink.WriteProgress(_progress.Snapshot());
        }

        /// <summary>Throws <see cref="OperationTerminatedException"/> (PathNotFolder) unless <paramref name="dir"/> is an existing folder.</summary>
        public static void RequireFolder(string dir)
        {
            if (Directory.Exists(dir)) return;
            string message = File.Exists(dir)
                ? "Path '" + dir + "' is a file; -Path must be a folder."
                : "Path '" + dir + "' does not exist; create the folder first (New-Item -ItemType Directory).";
            throw new OperationTerminatedException(new OperationError(new DirectoryNotFoundException(message), "PathNotFolder", ErrorKind.InvalidArgument, dir));
        }

        /// <summary>
        /// Throws <see cref="OperationTerminatedException"/> (InvalidFileName) when the -FileName template has a
        /// placeholder other than <c>{job_uid}</c> and <c>{model}</c>: every job would fail the same way, so the command
        /// stops before the first download. The message lists the valid placeholders.
        /// </summary>
        public static void RequireFileName(string? template)
        {
            try
            {
                FileNameTemplate.Validate(template);
            }
            catch (ArgumentException ex)
            {
                throw new OperationTerminatedException(new OperationError(ex, "InvalidFileName", ErrorKind.InvalidArgument, template, null,
                    "Use " + string.Join(" and ", FileNameTemplate.Placeholders) + " in -FileName, or a plain file name."));
            }
        }

        /// <summary>Reports synchronously on the download's thread (Progress&lt;T&gt; would post to a context and lag).</summary>
        private sealed class SyncProgress : IProgress<long>
        {
            private readonly Action<long> _report;

            public SyncProgress(Action<long> report) => _report = report;

            public void Report(long value) => _report(value);
        }
    }
}
