using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Get-SqJob: one job by uid, the account's jobs from the provider's job list (<see cref="IJobLister"/>) filtered
    /// by status, count and age, or, without arguments, the jobs submitted through the connection in this session.
    /// Jobs the session submitted keep what was sent and charged.
    /// </summary>
    public sealed class GetJobOperation
    {
        /// <summary>Jobs asked for per page of the job list (the most a provider gives).</summary>
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
                OperationError error = ApiErrorTranslator.ToError(ex, targetObject, "Get-SqJob " + uid, _connection.Videos);
                if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                sink.WriteError(error);
                return;
            }

            sink.WriteObject(_connection.Jobs.Update(new VideoJob { JobUid = uid }.With(snapshot)));
        }

        /// <summary>
        /// Writes the account's jobs, newest first, paging through the provider's job list until
        /// <see cref="GetJobOptions.First"/> jobs are written, the pages reach jobs older than <see cref="GetJobOptions.Since"/>,
        /// or there are no more. An invalid status, a provider that cannot list jobs, or an API failure stops the command.
        /// </summary>
        public async Task ListAsync(GetJobOptions options, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            using IDisposable log = VerboseLog.Use(sink);
            JobStatus? status = null;
            if (options.Status != null)
            {
                JobStatus parsed = JobStatusExtensions.Parse(options.Status);
                if (parsed == JobStatus.Unknown)
                    throw new OperationTerminatedException(new OperationError(
                        new ArgumentException("Status '" + options.Status + "' is not a job status; allowed values: " + string.Join(", ", JobStatusExtensions.Names) + ".", "Status"),
                        "InvalidStatus", ErrorKind.InvalidArgument, options.Status));
                status = parsed;
            }

            if (!(_connection.Videos is IJobLister lister))
                throw new OperationTerminatedException(Unsupported.Error(_connection, "Listing jobs (Get-SqJob -Status, -First or -Since)", options));

            if (options.First <= 0) return;
            int written = 0;
            string? cursor = null;
            for (int page = 1; ; page++)
            {
                JobPage result;
                try
                {
                    result = await lister.ListJobsAsync(new JobQuery { Status = status, Limit = PageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, options, "Get-SqJob (job list page " + page + ")", _connection.Videos));
                }

                foreach (JobSnapshot snapshot in result.Jobs)
                {
                    if (options.Since is DateTimeOffset since && !(snapshot.CreatedAt >= since)) continue;
                    sink.WriteObject(_connection.Jobs.Update(new VideoJob { JobUid = snapshot.JobUid }.With(snapshot)));
                    if (++written >= options.First) return;
                }

                cursor = result.NextCursor;
                if (result.Jobs.Count == 0 || cursor == null) return;
                if (options.Since is DateTimeOffset oldest && result.Jobs[result.Jobs.Count - 1].CreatedAt < oldest) return;
            }
        }
    }
}
