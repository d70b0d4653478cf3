using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
                OperationPump.Run(operation, new CmdletHost(this), _stop);
            }
            catch (OperationTerminatedException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex.Error));
            }
        }

        /// <summary>Ctrl+C or a stopped pipeline: cancels the running operation (PipelineStopToken needs PowerShell 7.6).</summary>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>The cmdlet as the pump's host; called only by the pump's drain loop, on the pipeline thread.</summary>
        private sealed class CmdletHost : IPipelineHost
        {
            private readonly PSCmdlet _cmdlet;

            public CmdletHost(PSCmdlet cmdlet) => _cmdlet = cmdlet;

            public void WriteObject(object value) => _cmdlet.WriteObject(value);

            public void WriteError(OperationError error) => _cmdlet.WriteError(ErrorRecords.From(error));

            public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

            public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

            public void WriteProgress(OperationProgress progress) => _cmdlet.WriteProgress(ProgressRecords.From(progress));

            public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);
        }
    }
}
