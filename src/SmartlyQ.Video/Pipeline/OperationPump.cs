using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// Runs an operation while the calling (pipeline) thread executes its requests on the host, until the operation
    /// has finished. The operation starts on the calling thread: what it asks before its first real await (a row's
    /// validation, a -WhatIf answer, its writes) runs on the host at once, with no hand-off between threads; after
    /// that it goes on on worker threads and its requests queue for this thread's drain loop, the only blocking here.
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
            ExceptionDispatchInfo? hostFailure = null;
            void HostFailed(Exception ex)
            {
                // PowerShell refused a write (-ErrorAction Stop, Select-Object -First, Ctrl+C): stop the operation,
                // let it finish, then rethrow so PowerShell gets its own exception back.
                hostFailure ??= ExceptionDispatchInfo.Capture(ex);
                stop.Cancel();
            }

            using (var sink = new PipelineSink(host, HostFailed))
            {
                Task task = Start(operation, sink, stop.Token);
                // Closing only once the task has completed ends the drain loop with nothing left to wait for.
                task.ContinueWith(_ => sink.Close(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

                foreach (Action<IPipelineHost> request in sink.Requests.GetConsumingEnumerable())
                {
                    if (hostFailure != null) continue; // discard what arrives while the operation winds down
                    try
                    {
                        request(host);
                    }
                    catch (Exception ex)
                    {
                        HostFailed(ex);
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

        private static Task Start(Func<IOperationSink, CancellationToken, Task> operation, PipelineSink sink, CancellationToken token)
        {
            if (token.IsCancellationRequested) return Task.FromCanceled(token);
            try
            {
                using (sink.RunInline())
                    return operation(sink, token) ?? Task.CompletedTask;
            }
            catch (Exception ex)
            {
                return Task.FromException(ex);
            }
        }
    }
}
