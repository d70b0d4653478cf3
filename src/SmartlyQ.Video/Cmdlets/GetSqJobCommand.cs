using System;
using System.Management.Automation;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// Get-SqJob: gets video jobs. Without arguments, the jobs submitted with New-SqVideo through the connection in
    /// this session, with the latest state seen (no API call), even when an error stopped that pipeline half-way;
    /// with -JobUid, each job's current state (GET /jobs/{job_uid}); with -Status, -First or -Since, the account's
    /// jobs from GET /jobs, newest first.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SqJob", DefaultParameterSetName = SessionSet, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Get-SqJob.md")]
    [OutputType(typeof(VideoJob))]
    public sealed class GetSqJobCommand : ConnectedCmdletBase
    {
        private const string SessionSet = "Session";
        private const string JobUidSet = "JobUid";
        private const string ListSet = "List";
        private GetJobOperation? _operation;

        /// <summary>Job ids, e.g. <c>job_a1b2c3d4e5f6</c>: by position, as piped strings, or from a <c>JobUid</c>, <c>job_uid</c> or <c>Id</c> property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobUidSet)]
        [Alias("job_uid", "Id")]
        [ArgumentCompleter(typeof(JobUidCompleter))]
        public string[]? JobUid { get; set; }

        /// <summary>Lists the account's jobs in this neutral state only (the same names for every provider).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("queued", "running", "succeeded", "failed", "cancelled")]
        public string? Status { get; set; }

        /// <summary>Lists at most this many of the account's jobs, newest first.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        /// <summary>Lists the account's jobs created at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime Since { get; set; }

        /// <summary>Resolves the connection once for the whole pipeline.</summary>
        protected override void BeginProcessing()
        {
            _operation = new GetJobOperation(RequireConnection());
        }

        /// <summary>Writes the record's jobs, the listing, or the session's jobs.</summary>
        protected override void ProcessRecord()
        {
            GetJobOperation operation = _operation!;
            if (JobUid != null)
            {
                string[] uids = JobUid;
                RunOperation(async (sink, cancellationToken) =>
                {
                    foreach (string uid in uids)
                        await operation.GetAsync(uid, uid, sink, cancellationToken).ConfigureAwait(false);
                });
            }
            else if (ParameterSetName == ListSet)
            {
                var options = new GetJobOptions
                {
                    Status = Status,
                    First = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : (int?)null,
                    Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? new DateTimeOffset(Since) : (DateTimeOffset?)null,
                };
                RunOperation((sink, cancellationToken) => operation.ListAsync(options, sink, cancellationToken));
            }
            else
            {
                RunOperation((sink, cancellationToken) =>
                {
                    operation.WriteSessionJobs(sink);
                    return System.Threading.Tasks.Task.CompletedTask;
                });
            }
        }
    }
}
