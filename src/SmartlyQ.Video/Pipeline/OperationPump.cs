using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// Runs an operation on a worker task while the calling (pipeline) thread executes its requests on the host,
    /// until the operation has finished. The only blocking on the pipeline thread is this drain loop.
    /// </summary>
    internal static class OperationPump
    {
        /// <summary>
        /// Returns when <paramref name="operation"/> has finished. Rethrows, on the calling thread: an exception the
        /// host threw (after cancelling the operation and letting it end), else the operation's exception; an
        /// <see cref="OperationCanceledException"/> after <paramref name="stop"/> was cancelled is swallowed.
        /// </summary>
        public static void Run(Func<IOperationSink, CancellationToken, Task> operation, IPipelineHost host, CancellationTokenSource stop)
        {
            using (var sink = new PipelineSink(host.VerboseWanted, host.DebugWanted))
            {
                Task task = Task.Run(() => operation(sink, stop.Token), stop.Token);
                // Closing only once the task has completed ends the drain loop with nothing left to wait for.
                task.ContinueWith(_ => sink.Close(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

                ExceptionDispatchInfo? hostFailure = null;
                foreach (Action<IPipelineHost> request in sink.Requests.GetConsumingEnumerable())
                {
                    if (hostFailure != null) continue; // discard what arrives while the operation winds down
                    try
                    {
                        request(host);
                    }
                    catch (Exception ex)
                    {
                        // PowerShell refused a write (-ErrorAction Stop, Select-Object -First, Ctrl+C): stop the
                        // operation, let it finish, then rethrow so PowerShell gets its own exception back.
                        hostFailure = ExceptionDispatchInfo.Capture(ex);
                        stop.Cancel();
                    }
                }

                hostFailure?.Throw();
                try
                {
                    task.GetAwaiter().GetResult(); // completed already: this only surfaces the outcome
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Stopped (StopProcessing): PowerShell is already ending the pipeline; nothing to report.
                }
            }
        }
    }
}
