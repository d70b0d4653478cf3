using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// The <see cref="IOperationSink"/> an operation writes to from a background thread. It never touches the
    /// cmdlet: each call becomes a request queued for <see cref="AsyncCmdletBase"/>'s drain loop, which runs it on
    /// the pipeline thread (PowerShell throws if Write*/ShouldProcess are called from any other thread).
    /// </summary>
    internal sealed class PipelineSink : IOperationSink, IDisposable
    {
        private readonly BlockingCollection<Action<PSCmdlet>> _requests = new BlockingCollection<Action<PSCmdlet>>();
        private readonly object _gate = new object();
        private bool _closed;

        /// <inheritdoc />
        public void WriteObject(object value) => Enqueue(cmdlet => cmdlet.WriteObject(value));

        /// <inheritdoc />
        public void WriteError(OperationError error) => Enqueue(cmdlet => cmdlet.WriteError(ErrorRecords.From(error)));

        /// <inheritdoc />
        public void WriteWarning(string message) => Enqueue(cmdlet => cmdlet.WriteWarning(message));

        /// <inheritdoc />
        public void WriteVerbose(string message) => Enqueue(cmdlet => cmdlet.WriteVerbose(message));

        /// <inheritdoc />
        public void WriteProgress(OperationProgress progress) => Enqueue(cmdlet => cmdlet.WriteProgress(ProgressRecords.From(progress)));

        /// <inheritdoc />
        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            // RunContinuationsAsynchronously: the operation must not resume on the pipeline thread.
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            CancellationTokenRegistration registration = cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            answer.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
            bool queued = Enqueue(cmdlet =>
            {
                try
                {
                    answer.TrySetResult(cmdlet.ShouldProcess(target, action));
                }
                catch
                {
                    // e.g. PipelineStoppedException from "Halt" at a -Confirm prompt: the operation stops and the
                    // drain loop rethrows the exception on the pipeline thread.
                    answer.TrySetCanceled();
                    throw;
                }
            });
            if (!queued) answer.TrySetCanceled();
            return answer.Task;
        }

        /// <summary>Requests in the order they were made; ends after <see cref="Close"/> once the queue is empty.</summary>
        public BlockingCollection<Action<PSCmdlet>> Requests => _requests;

        /// <summary>Stops accepting requests; later ones are dropped (the command has finished or failed).</summary>
        public void Close()
        {
            lock (_gate)
            {
                if (_closed) return;
                _closed = true;
                _requests.CompleteAdding();
            }
        }

        /// <summary>Releases the queue.</summary>
        public void Dispose() => _requests.Dispose();

        private bool Enqueue(Action<PSCmdlet> request)
        {
            lock (_gate)
            {
                if (_closed) return false;
                _requests.Add(request);
                return true;
            }
        }
    }
}
