using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// Save-SqVideo: downloads the video of each succeeded job into a folder and writes the file as the FileSystem
    /// provider item (a <see cref="FileInfo"/> with PSPath etc., like Get-Item) with the job as its <c>Job</c> property.
    /// Files are named <c>{job_uid}.mp4</c> unless -FileName says otherwise; an existing file is skipped with a
    /// warning unless -Force.
    /// </summary>
    [Cmdlet(VerbsData.Save, "SqVideo", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Save-SqVideo.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveSqVideoCommand : ConnectedCmdletBase, IDisposable
    {
        private const string InputObjectSet = "InputObject";
        private const string JobUidSet = "JobUid";
        private const string JobProperty = "Job";
        private SaveVideoOperation? _operation;

        /// <summary>Completed jobs from Wait-SqJob.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public VideoJob[]? InputObject { get; set; }

        /// <summary>Job ids, e.g. <c>job_a1b2c3d4e5f6</c>, each looked up first: by position, as piped strings, or from a <c>job_uid</c> or <c>Id</c> column by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = JobUidSet)]
        [Alias("job_uid", "Id")]
        [ArgumentCompleter(typeof(JobUidCompleter))]
        public string[]? JobUid { get; set; }

        /// <summary>Existing folder to save into (relative paths resolve against the current location); default: the current file system location.</summary>
        [Parameter]
        public string? Path { get; set; }

        /// <summary>File name, or a template with <c>{job_uid}</c> and <c>{model}</c>; default <c>{job_uid}.mp4</c>.</summary>
        [Parameter]
        public string? FileName { get; set; }

        /// <summary>Overwrites existing files instead of skipping them with a warning.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Downloads running at once, 1–32; default 4. Each streams to disk with a fixed-size buffer.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = SaveVideoOptions.DefaultThrottleLimit;


        /// <summary>Resolves the connection and the folder; a folder that is missing or a file stops the command.</summary>
        protected override void BeginProcessing()
        {
            SmartlyQConnection connection = RequireConnection();
            string directory = Path == null
                ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
                : GetUnresolvedProviderPathFromPSPath(Path);

            // Checked before the first record too, so a bad -Path or -FileName fails even when no job arrives.
            try
            {
                SaveVideoOperation.RequireFolder(directory);
                SaveVideoOperation.RequireFileName(FileName);
            }
            catch (OperationTerminatedException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex.Error));
            }

            _operation = new SaveVideoOperation(connection, new SaveVideoOptions
            {
                Directory = directory,
                FileName = FileName,
                Force = Force.IsPresent,
                ThrottleLimit = ThrottleLimit,
            });
        }

        /// <summary>Downloads the record's jobs.</summary>
        protected override void ProcessRecord()
        {
            // Read on the pipeline thread; the operation runs on a worker thread.
            SaveVideoOperation operation = _operation!;
            VideoJob[] jobs = ParameterSetName == InputObjectSet ? InputObject! : new VideoJob[0];
            string[] uids = ParameterSetName == JobUidSet ? JobUid! : new string[0];
            RunOperation(async (sink, cancellationToken) =>
            {
                foreach (VideoJob job in jobs)
                    await operation.ProcessAsync(job, null, job, sink, cancellationToken).ConfigureAwait(false);
                foreach (string uid in uids)
                    await operation.ProcessAsync(null, uid, uid, sink, cancellationToken).ConfigureAwait(false);
            });
        }

        /// <summary>Waits for the downloads still running, writing each file as it is saved.</summary>
        protected override void EndProcessing()
        {
            SaveVideoOperation operation = _operation!;
            RunOperation(operation.CompleteAsync);
        }

        /// <summary>
        /// A saved video becomes the file as the FileSystem provider gives it (what <c>Get-Item</c> returns: PSPath,
        /// PSParentPath, PSChildName, PSDrive, PSProvider, so the default view shows Mode, LastWriteTime, Length and Name
        /// on every OS) with the job attached as the note property <c>Job</c>.
        /// </summary>
        protected override object ToPipelineObject(object value)
        {
            if (!(value is SavedVideo saved)) return value;
            PSObject item;
            try
            {
                Collection<PSObject> items = InvokeProvider.Item.Get(new[] { saved.File.FullName }, true, true);
                item = items.Count == 1 ? items[0] : PSObject.AsPSObject(saved.File);
            }
            catch (Exception ex) when (ex is ProviderInvocationException || ex is ItemNotFoundException || ex is NotSupportedException || ex is UnauthorizedAccessException || ex is IOException)
            {
                // The file went away or the provider refused it: still say what was saved.
                item = PSObject.AsPSObject(saved.File);
            }

            item.Properties.Remove(JobProperty);
            item.Properties.Add(new PSNoteProperty(JobProperty, saved.Job));
            return item;
        }

        /// <summary>Cancels downloads still running when the pipeline ends early (Ctrl+C, an error downstream).</summary>
        public void Dispose() => _operation?.Dispose();
    }
}
