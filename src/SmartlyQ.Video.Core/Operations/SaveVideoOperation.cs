using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Save-SqVideo: downloads each finished job's video to <c>-Path</c> (via a temporary file renamed when complete)
    /// and writes a <see cref="FileInfo"/>. An existing file is skipped with a warning unless -Force.
    /// </summary>
    public sealed class SaveVideoOperation
    {
        private const int ProgressActivityId = 7102;
        private readonly SmartlyQConnection _connection;
        private readonly SaveVideoOptions _options;

        /// <summary>Creates the operation for one pipeline run.</summary>
        public SaveVideoOperation(SmartlyQConnection connection, SaveVideoOptions options)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>
        /// Saves one job, given as a <see cref="VideoJob"/> or a <paramref name="jobUid"/> (then looked up with
        /// <c>GET /jobs/{job_uid}</c>). A job that is not completed, a bad -FileName or a failed download is a
        /// non-terminating error; a -Path that is missing or a file is terminating.
        /// </summary>
        public async Task ProcessAsync(VideoJob? job, string? jobUid, object? targetObject, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink.WriteVerbose);
            CheckDirectory();
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

            if (job.Status != JobStatus.Completed || job.VideoUrl == null)
            {
                try
                {
                    job = job.With(await _connection.Videos.GetJobAsync(job.JobUid, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    OperationError error = ApiErrorTranslator.ToError(ex, target, "Job " + job.JobUid);
                    if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                    sink.WriteError(error);
                    return;
                }
            }

            if (job.Status != JobStatus.Completed || job.VideoUrl == null)
            {
                string why = job.Status == JobStatus.Failed ? " failed (" + (job.Error?.ToString() ?? "no reason given") + ")" : " is " + job.Status.ToApiString();
                sink.WriteError(new OperationError(
                    new InvalidOperationException("Job " + job.JobUid + why + "; only completed jobs have a video to save."),
                    "JobNotCompleted", ErrorKind.InvalidOperation, target, job.RequestId,
                    "Pipe jobs through Wait-SqJob before Save-SqVideo."));
                return;
            }

            if (!job.VideoUrl.IsAbsoluteUri || (job.VideoUrl.Scheme != Uri.UriSchemeHttps && job.VideoUrl.Scheme != Uri.UriSchemeHttp))
            {
                sink.WriteError(new OperationError(
                    new InvalidOperationException("Job " + job.JobUid + ": its video URL '" + job.VideoUrl + "' is not an http or https URL, so it was not downloaded."),
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

            if (File.Exists(path) && !_options.Force)
            {
                sink.WriteWarning("Skipped " + job.JobUid + ": '" + path + "' already exists. Use -Force to overwrite it.");
                return;
            }

            if (!await sink.ShouldProcessAsync(path, "Save video of job " + job.JobUid, cancellationToken).ConfigureAwait(false))
                return;

            var progress = new ByteProgress(sink, ProgressActivityId, "Saving SmartlyQ video " + job.JobUid, path);
            try
            {
                long bytes = await VideoFileWriter.DownloadAsync(_connection.Videos, job.VideoUrl, path, _options.Force, progress, cancellationToken).ConfigureAwait(false);
                sink.WriteVerbose("Saved " + job.JobUid + " to " + path + " (" + bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes).");
                sink.WriteObject(new FileInfo(path));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                OperationError error = ex is IOException || ex is UnauthorizedAccessException
                    ? new OperationError(new IOException("Saving job " + job.JobUid + " to '" + path + "' failed: " + ex.Message, ex), "SaveFailed", ErrorKind.WriteError, target)
                    : ApiErrorTranslator.ToError(ex, target, "Downloading job " + job.JobUid);
                sink.WriteError(error);
            }
            finally
            {
                progress.Complete();
            }
        }

        private void CheckDirectory()
        {
            string dir = _options.Directory;
            if (Directory.Exists(dir)) return;
            string message = File.Exists(dir)
                ? "Path '" + dir + "' is a file; -Path must be a folder."
                : "Path '" + dir + "' does not exist; create the folder first (New-Item -ItemType Directory).";
            throw new OperationTerminatedException(new OperationError(new DirectoryNotFoundException(message), "PathNotFolder", ErrorKind.InvalidArgument, dir));
        }
    }
}
