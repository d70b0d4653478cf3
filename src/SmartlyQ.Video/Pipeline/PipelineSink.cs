using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// The <see cref="IOperationSink"/> an operation writes to from a worker thread. It holds no reference to the
    /// cmdlet: each call becomes a request that <see cref="OperationPump"/> runs on the pipeline thread
    /// (PowerShell throws if Write*/ShouldProcess are called from any other thread).
    /// </summary>
    internal sealed class PipelineSink : IOperationSink, IDisposable
    {
        private readonly BlockingCollection<Action<IPipelineHost>> _requests = new BlockingCollection<Action<IPipelineHost>>();
        private readonly object _gate = new object();
        private readonly bool _verbose;
        private readonly bool _debug;
        private bool _closed;

        /// <summary>
        /// A sink that queues verbose lines only when <paramref name="verbose"/> and debug lines only when
        /// <paramref name="debug"/>: a line PowerShell would drop costs no hand-off to the pipeline thread.
        /// </summary>
        public PipelineSink(bool verbose = true, bool debug = true)
        {
            _verbose = verbose;
            _debug = debug;
        }

        /// <summary>Requests in the order they were made; the enumeration ends after <see cref="Close"/> once empty.</summary>
        public BlockingCollection<Action<IPipelineHost>> Requests => _requests;

        /// <inheritdoc />
        public void WriteObject(object value) => Enqueue(host => host.WriteObject(value));

        /// <inheritdoc />
        public void WriteError(OperationError error) => Enqueue(host => host.WriteError(error));

        /// <inheritdoc />
        public void WriteWarning(string message) => Enqueue(host => host.WriteWarning(message));

        /// <inheritdoc />
        public void WriteVerbose(string message)
        {
            if (_verbose) Enqueue(host => host.WriteVerbose(message));
        }

        /// <inheritdoc />
        public void WriteDebug(string message)
        {
            if (_debug) Enqueue(host => host.WriteDebug(message));
        }

        /// <inheritdoc />
        public void WriteProgress(OperationProgress progress) => Enqueue(host => host.WriteProgress(progress));

        /// <inheritdoc />
        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            // RunContinuationsAsynchronously: the operation must not resume on the pipeline thread.
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            CancellationTokenRegistration registration = cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            answer.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            bool queued = !answer.Task.IsCompleted && Enqueue(host =>
            {
                if (answer.Task.IsCompleted) return; // cancelled while queued: do not prompt the user
                try
                {
                    answer.TrySetResult(host.ShouldProcess(target, action));
                }
                catch
                {
                    // e.g. "Halt Command" at a -Confirm prompt: the operation is cancelled and the pump rethrows.
                    answer.TrySetCanceled();
                    throw;
                }
            });
            if (!queued) answer.TrySetCanceled();
            return answer.Task;
        }

        /// <summary>Stops accepting requests; later ones are dropped because nothing will run them.</summary>
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

        private bool Enqueue(Action<IPipelineHost> request)
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
