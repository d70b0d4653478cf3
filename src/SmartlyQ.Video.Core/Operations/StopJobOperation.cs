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
    /// Stop-SqJob: cancels jobs through the provider's <see cref="IJobCanceller"/> after ShouldProcess. A job that has
    /// already finished cannot be cancelled: that is a non-terminating error, and the next job goes on. A provider
    /// that cannot cancel gives one terminating "not supported by &lt;provider&gt;" error.
    /// </summary>
    public sealed class StopJobOperation
    {
        private readonly SmartlyQConnection _connection;
        private readonly bool _passThru;

        /// <summary>Creates the operation; with <paramref name="passThru"/> each cancelled job is written.</summary>
        public StopJobOperation(SmartlyQConnection connection, bool passThru)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _passThru = passThru;
        }

        /// <summary>The idempotency key of a job's cancel request: fixed per job, so a retried or repeated cancel is the same request.</summary>
        internal static string CancelKey(string jobUid) => "cancel-" + jobUid;

        /// <summary>Cancels one job; writes nothing under -WhatIf.</summary>
        public async Task StopAsync(string jobUid, object? targetObject, IOperationSink sink, CancellationToken cancellationToken)
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

            if (!(_connection.Videos is IJobCanceller canceller))
                throw new OperationTerminatedException(Unsupported.Error(_connection, "Cancelling jobs (Stop-SqJob)", targetObject));

            if (!await sink.ShouldProcessAsync(uid, "Cancel video job", cancellationToken).ConfigureAwait(false))
                return;

            JobSnapshot snapshot;
            try
            {
                snapshot = await canceller.CancelJobAsync(uid, CancelKey(uid), cancellationToken).ConfigureAwait(false);
            }
            catch (VideoApiException ex) when (ex.Kind == ApiErrorKind.Conflict)
            {
                sink.WriteError(new OperationError(
                    new InvalidOperationException("Job " + uid + " cannot be cancelled: " + ApiErrorTranslator.Describe(ex) + ".", ex),
                    ex.ErrorCode, ErrorKind.InvalidOperation, targetObject, ex.RequestId,
                    "Only queued or running jobs can be cancelled; Get-SqJob " + uid + " shows its status."));
                return;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                OperationError error = ApiErrorTranslator.ToError(ex, targetObject, "Stop-SqJob " + uid, _connection.Videos);
                if (ApiErrorTranslator.IsFatal(ex)) throw new OperationTerminatedException(error);
                sink.WriteError(error);
                return;
            }

            VideoJob job = _connection.Jobs.Update(new VideoJob { JobUid = uid }.With(snapshot));
            sink.WriteVerbose("Cancelled " + uid + " (status " + job.Status.ToText() + ", request " + snapshot.RequestId + ").");
            if (_passThru) sink.WriteObject(job);
        }
    }
}
