using System.Management.Automation;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// Stop-SqJob: cancels video jobs (POST /jobs/{job_uid}/cancel). Writes nothing unless -PassThru; a job that has
    /// already finished is a non-terminating error. ShouldProcess: -WhatIf cancels nothing.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "SqJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Stop-SqJob.md")]
    [OutputType(typeof(VideoJob))]
    public sealed class StopSqJobCommand : ConnectedCmdletBase
    {
        private const string InputObjectSet = "InputObject";
        private const string JobUidSet = "JobUid";
        private StopJobOperation? _operation;

        /// <summary>Jobs from New-SqVideo or Get-SqJob.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public VideoJob[]? InputObject { get; set; }

        /// <summary>Job ids, e.g. <c>job_a1b2c3d4e5f6</c>: by position, as piped strings, or from a <c>job_uid</c> or <c>Id</c> column by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobUidSet)]
        [Alias("job_uid", "Id")]
        [ArgumentCompleter(typeof(JobUidCompleter))]
        public string[]? JobUid { get; set; }

        /// <summary>Writes each cancelled job.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Resolves the connection once for the whole pipeline.</summary>
        protected override void BeginProcessing()
        {
            _operation = new StopJobOperation(RequireConnection(), PassThru.IsPresent);
        }

        /// <summary>Cancels the record's jobs, asking ShouldProcess for each.</summary>
        protected override void ProcessRecord()
        {
            // Read on the pipeline thread; the operation runs on a worker thread.
            StopJobOperation operation = _operation!;
            VideoJob[] jobs = ParameterSetName == InputObjectSet ? InputObject! : new VideoJob[0];
            string[] uids = ParameterSetName == JobUidSet ? JobUid! : new string[0];
            RunOperation(async (sink, cancellationToken) =>
            {
                foreach (VideoJob job in jobs)
                    await operation.StopAsync(job.JobUid, job, sink, cancellationToken).ConfigureAwait(false);
                foreach (string uid in uids)
                    await operation.StopAsync(uid, uid, sink, cancellationToken).ConfigureAwait(false);
            });
        }
    }
}
