using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// The <see cref="IOperationSink"/> an operation writes to. It holds no reference to the cmdlet: each call is a
    /// request for the pipeline thread (PowerShell throws if Write*/ShouldProcess are called from any other thread).
    /// While the operation's synchronous start runs on that thread (<see cref="RunInline"/>), a request runs on the
    /// host at once; otherwise it queues for <see cref="OperationPump"/>'s drain loop.
    /// </summary>
    internal sealed class PipelineSink : IOperationSink, IDisposable
    {
        private readonly BlockingCollection<Action<IPipelineHost>> _requests = new BlockingCollection<Action<IPipelineHost>>();
        private readonly object _gate = new object();
        private readonly IPipelineHost _host;
        private readonly Action<Exception> _hostFailed;
        private readonly bool _verbose;
        private readonly bool _debug;
        private bool _closed;
        private Thread? _inlineThread;
        private bool _hostHasFailed;

        /// <summary>
        /// A sink for <paramref name="host"/>; <paramref name="hostFailed"/> hears of an exception the host threw
        /// while running a request inline (the drain loop handles the others itself). Verbose and debug lines are
        /// taken only when the host wants them (<see cref="IPipelineHost.VerboseWanted"/>, <see cref="IPipelineHost.DebugWanted"/>,
        /// read once here): a line PowerShell would drop costs no hand-off to the pipeline thread.
        /// </summary>
        public PipelineSink(IPipelineHost host, Action<Exception> hostFailed)
        {
            _host = host;
            _hostFailed = hostFailed;
            _verbose = host.VerboseWanted;
            _debug = host.DebugWanted;
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

        /// <summary>
        /// Until disposed, requests made on the calling thread run on the host at once (the operation's synchronous
        /// start, before its first real await); requests from other threads queue as always.
        /// </summary>
        public IDisposable RunInline()
        {
            _inlineThread = Thread.CurrentThread;
            return new InlineScope(this);
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
            if (_inlineThread == Thread.CurrentThread)
            {
                // After a refused write the rest is dropped, as the drain loop drops it.
                if (_hostHasFailed) return false;
                try
                {
                    request(_host);
                }
                catch (Exception ex)
                {
                    _hostHasFailed = true;
                    _hostFailed(ex);
                }
                return true;
            }
            lock (_gate)
            {
                if (_closed) return false;
                _requests.Add(request);
                return true;
            }
        }

        private sealed class InlineScope : IDisposable
        {
            private readonly PipelineSink _sink;

            public InlineScope(PipelineSink sink) => _sink = sink;

            public void Dispose() => _sink._inlineThread = null;
        }
    }
}
