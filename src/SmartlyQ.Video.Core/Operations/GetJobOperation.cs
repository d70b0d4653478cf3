using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Get-SqJob: one job by uid (<c>GET /jobs/{job_uid}</c>), the account's jobs from <c>GET /jobs</c> filtered by
    /// status, count and age, or, without arguments, the jobs submitted through the connection in this session.
    /// Jobs the session submitted keep what was sent and charged.
    /// </summary>
    public sealed class GetJobOperation
    {
        /// <summary>Jobs asked for per <c>GET /jobs</c> page (the API's maximum).</summary>
        public const int PageSize = 100;

        private readonly SmartlyQConnection _connection;

        /// <summary>Creates the operation for one command.</summary>
        public GetJobOperation(SmartlyQConnection connection)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        }

        /// <summary>Writes the jobs submitted through the connection, oldest first, with the latest state seen; calls no API.</summary>
        public void WriteSessionJobs(IOperationSink sink)
        {
            foreach (VideoJob job in _connection.Jobs.All())
                sink.WriteObject(job);
        }

        /// <summary>
        /// Writes the current state of one job. A malformed uid or an API refusal (404) is a non-terminating error;
        /// a rejected key (401) stops the command.
        /// </summary>
        public async Task GetAsync(string jobUid, object? targetObject, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink);
            string uid;
            try
            {
                uid = JobUids.Validate(jobUid);
            }
            catch (ArgumentException ex)
            {
                sink.WriteError(new OperationError(ex, "InvalidJobUid", ErrorKind.InvalidArgument, targetObject));
                return;
            }

            JobSnapshot snapshot;
            try
            {
                snapshot = await _connection.Videos.GetJobAsync(uid, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                OperationError error = ApiErrorTranslator.ToError(ex, targetObject, "Get-SqJob " + uid);
                if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                sink.WriteError(error);
                return;
            }

            sink.WriteObject(_connection.Jobs.Update(new VideoJob { JobUid = uid }.With(snapshot)));
        }

        /// <summary>
        /// Writes the account's jobs, newest first, paging through <c>GET /jobs</c> until <see cref="GetJobOptions.First"/>
        /// jobs are written, the pages reach jobs older than <see cref="GetJobOptions.Since"/>, or there are no more.
        /// An invalid status or an API failure stops the command.
        /// </summary>
        public async Task ListAsync(GetJobOptions options, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            using IDisposable log = VerboseLog.Use(sink);
            string? status = null;
            if (options.Status != null)
            {
                JobStatus parsed = JobStatusExtensions.Parse(options.Status);
                if (parsed == JobStatus.Unknown)
                    throw new OperationTerminatedException(new OperationError(
                        new ArgumentException("Status '" + options.Status + "' is not a job status; allowed values: queued, pending, processing, completed, failed, cancelled.", "Status"),
                        "InvalidStatus", ErrorKind.InvalidArgument, options.Status));
                status = parsed.ToApiString();
            }

            if (options.First <= 0) return;
            int written = 0;
            for (int page = 1; ; page++)
            {
                JobPage result;
                try
                {
                    result = await _connection.Videos.ListJobsAsync(new JobQuery { Status = status, Page = page, PerPage = PageSize }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, options, "Get-SqJob (GET /jobs page " + page + ")"));
                }

                foreach (JobSnapshot snapshot in result.Jobs)
                {
                    if (options.Since is DateTimeOffset since && !(snapshot.CreatedAt >= since)) continue;
                    sink.WriteObject(_connection.Jobs.Update(new VideoJob { JobUid = snapshot.JobUid }.With(snapshot)));
                    if (++written >= options.First) return;
                }

                if (result.Jobs.Count == 0 || page >= result.Pages) return;
                if (options.Since is DateTimeOffset oldest && result.Jobs[result.Jobs.Count - 1].CreatedAt < oldest) return;
            }
        }
    }
}
