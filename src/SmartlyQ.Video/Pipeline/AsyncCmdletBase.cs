using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// Base of every SmartlyQ cmdlet: runs a Core operation on a worker task while the pipeline thread executes
    /// what the operation asks for (Write*, ShouldProcess), so async HTTP never blocks on the pipeline thread
    /// and PowerShell is only called from the thread that owns it.
    /// </summary>
    public abstract class AsyncCmdletBase : PSCmdlet
    {
        // Not disposed: StopProcessing may run on another thread at any time, even after the pipeline ends,
        // and a CancellationTokenSource without a timer holds nothing that needs releasing.
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>
        /// Runs <paramref name="operation"/> to completion, executing its requests on the pipeline thread.
        /// Turns <see cref="OperationTerminatedException"/> into a terminating error and returns quietly when the
        /// operation ended because the pipeline is being stopped.
        /// </summary>
        protected void RunOperation(Func<IOperationSink, CancellationToken, Task> operation)
        {
            using (var sink = new PipelineSink())
            {
                Task task = Task.Run(() => operation(sink, _stop.Token), _stop.Token);
                // Closing after the task has completed ends the drain loop with nothing left to wait for.
                task.ContinueWith(_ => sink.Close(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

                ExceptionDispatchInfo? pipelineFailure = null;
                foreach (Action<PSCmdlet> request in sink.Requests.GetConsumingEnumerable())
                {
                    if (pipelineFailure != null) continue; // discard what arrives while the operation winds down
                    try
                    {
                        request(this);
                    }
                    catch (Exception ex)
                    {
                        // PowerShell refused a write: -ErrorAction Stop, a downstream Select-Object -First, Ctrl+C.
                        // Stop the operation, let it finish, then rethrow so PowerShell sees its own exception.
                        pipelineFailure = ExceptionDispatchInfo.Capture(ex);
                        _stop.Cancel();
                    }
                }

                pipelineFailure?.Throw();
                try
                {
                    task.GetAwaiter().GetResult(); // already completed: only surfaces the outcome
                }
                catch (OperationTerminatedException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex.Error));
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    // StopProcessing: PowerShell is already stopping the pipeline; nothing to report.
                }
            }
        }

        /// <summary>The explicit <paramref name="connection"/>, else this runspace's default; terminates when there is neither.</summary>
        protected SmartlyQConnection RequireConnection(SmartlyQConnection? connection)
        {
            try
            {
                return ConnectionGuard.Require(connection, RunspaceConnections.Get(Runspace.DefaultRunspace));
            }
            catch (OperationTerminatedException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex.Error));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>Ctrl+C or a stopped pipeline: cancels the running operation (PipelineStopToken needs PowerShell 7.6).</summary>
        protected override void StopProcessing() => _stop.Cancel();
    }
}
