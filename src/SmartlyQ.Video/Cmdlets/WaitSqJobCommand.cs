using System;
using System.Management.Automation;
using System.Threading.Tasks;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// Wait-SqJob: waits for video jobs to finish and writes each <see cref="VideoJob"/> as it completes, in
    /// completion order. Jobs are polled in the background as soon as they arrive, so New-SqVideo keeps
    /// submitting while earlier jobs render. A failed or cancelled job is a non-terminating error.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "SqJob", DefaultParameterSetName = InputObjectSet, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Wait-SqJob.md")]
    [OutputType(typeof(VideoJob))]
    public sealed class WaitSqJobCommand : ConnectedCmdletBase, IDisposable
    {
        private const string InputObjectSet = "InputObject";
        private const string JobUidSet = "JobUid";
        private WaitJobOperation? _operation;

        /// <summary>Jobs from New-SqVideo (or an earlier Wait-SqJob).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public VideoJob[]? InputObject { get; set; }

        /// <summary>Job ids, e.g. <c>job_a1b2c3d4e5f6</c>: by position, as piped strings (<c>Get-Content uids.txt</c>), or from a <c>job_uid</c> or <c>Id</c> column by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobUidSet)]
        [Alias("job_uid", "Id")]
        [ArgumentCompleter(typeof(JobUidCompleter))]
        public string[]? JobUid { get; set; }

        /// <summary>Seconds the whole command may wait, counted from its start; default 3600. Jobs still running then are reported in one error.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Seconds between two status checks of one job, 1–3600; default 5.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>On timeout, cancels the jobs still running (<c>POST /jobs/{job_uid}/cancel</c>) and says which in the timeout error.</summary>
        [Parameter]
        public SwitchParameter CancelOnTimeout { get; set; }


        /// <summary>Resolves the connection and starts the -TimeoutSec clock.</summary>
        protected override void BeginProcessing()
        {
            _operation = new WaitJobOperation(RequireConnection(), new WaitJobOptions
            {
                // Null lets Core apply its default; the int parameter cannot say "not given" itself.
                TimeoutSec = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeoutSec : (int?)null,
                PollIntervalSec = PollIntervalSec,
                CancelOnTimeout = CancelOnTimeout.IsPresent,
            });
        }

        /// <summary>Starts tracking the record's jobs and writes those already finished; never waits for a job.</summary>
        protected override void ProcessRecord()
        {
            // Read on the pipeline thread; the operation runs on a worker thread.
            WaitJobOperation operation = _operation!;
            VideoJob[] jobs = ParameterSetName == InputObjectSet ? InputObject! : new VideoJob[0];
            string[] uids = ParameterSetName == JobUidSet ? JobUid! : new string[0];
            RunOperation((sink, cancellationToken) =>
            {
                foreach (VideoJob job in jobs)
                    operation.Track(job, job);
                foreach (string uid in uids)
                    operation.Track(uid, uid);
                operation.WriteFinished(sink);
                return Task.CompletedTask;
            });
        }

        /// <summary>Waits for the remaining jobs, writing each as it finishes, with progress.</summary>
        protected override void EndProcessing()
        {
            WaitJobOperation operation = _operation!;
            RunOperation(operation.WaitAllAsync);
        }

        /// <summary>Stops background polling when the pipeline ends early (error, Ctrl+C).</summary>
        public void Dispose() => _operation?.Dispose();
    }
}
