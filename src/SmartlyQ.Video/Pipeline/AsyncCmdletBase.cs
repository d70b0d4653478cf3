using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// Base of every SmartlyQ cmdlet: runs a Core operation through <see cref="OperationPump"/>, so async HTTP runs
    /// on a worker task while only the pipeline thread calls PowerShell (Write*, ShouldProcess).
    /// </summary>
    public abstract class AsyncCmdletBase : PSCmdlet
    {
        // Not disposed: StopProcessing may run on another thread at any time, even after the pipeline has ended,
        // and a CancellationTokenSource without a timer holds nothing that needs releasing.
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>
        /// Runs <paramref name="operation"/> to completion, forwarding its output, errors, progress and ShouldProcess
        /// questions. <see cref="OperationTerminatedException"/> becomes a terminating error; an operation ended by
        /// StopProcessing returns quietly.
        /// </summary>
        protected void RunOperation(Func<IOperationSink, CancellationToken, Task> operation)
        {
            try
            {
                OperationPump.Run(operation, new CmdletHost(this, Runspace.DefaultRunspace), _stop);
            }
            catch (OperationTerminatedException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex.Error));
            }
        }

        /// <summary>Ctrl+C or a stopped pipeline: cancels the running operation (PipelineStopToken needs PowerShell 7.6).</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>
        /// What goes to the pipeline for an object the operation wrote; called on the pipeline thread, so it may use
        /// PowerShell (e.g. the provider). Default: the object itself.
        /// </summary>
        protected virtual object ToPipelineObject(object value) => value;

        /// <summary>
        /// True unless lines of this stream would be dropped: the common parameter (-Verbose, -Debug) when given,
        /// else the preference variable as the caller's scope sees it.
        /// </summary>
        private bool Wants(string commonParameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(commonParameter, out object? given))
                return given is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(given);
            object? preference = GetVariableValue(preferenceVariable);
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            if (preference is ActionPreference value) return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
            if (preference is string text && Enum.TryParse(text, true, out ActionPreference parsed))
                return parsed != ActionPreference.SilentlyContinue && parsed != ActionPreference.Ignore;
            return true; // unknown: let PowerShell decide
        }

        /// <summary>The cmdlet as the pump's host; called only by the pump's drain loop, on the pipeline thread.</summary>
        private sealed class CmdletHost : IPipelineHost
        {
            private readonly AsyncCmdletBase _cmdlet;
            private readonly Runspace? _runspace;

            /// <summary>Created on the pipeline thread: reads the stream preferences and keeps the runspace whose job record it feeds.</summary>
            public CmdletHost(AsyncCmdletBase cmdlet, Runspace? runspace)
            {
                _cmdlet = cmdlet;
                _runspace = runspace;
                VerboseWanted = cmdlet.Wants("Verbose", "VerbosePreference");
                DebugWanted = cmdlet.Wants("Debug", "DebugPreference");
            }

            public bool VerboseWanted { get; }

            public bool DebugWanted { get; }

            public void WriteObject(object value)
            {
                if (value is VideoJob job) RunspaceJobs.Record(_runspace, job);
                _cmdlet.WriteObject(_cmdlet.ToPipelineObject(value));
            }

            public void WriteError(OperationError error)
            {
                if (error.TargetObject is VideoJob job) RunspaceJobs.Record(_runspace, job);
                _cmdlet.WriteError(ErrorRecords.From(error));
            }

            public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

            public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

            public void WriteDebug(string message) => _cmdlet.WriteDebug(message);

            public void WriteProgress(OperationProgress progress) => _cmdlet.WriteProgress(ProgressRecords.From(progress));

            public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);
        }
    }
}
