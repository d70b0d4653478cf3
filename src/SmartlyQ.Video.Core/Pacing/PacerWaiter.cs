using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// One request waiting in a <see cref="RequestPacer"/> queue. Its state changes only under the pacer's lock:
    /// waiting, then granted (a permit and a <see cref="PacerLease"/>) or cancelled (the caller's token, or the
    /// client was disposed). Continuations run asynchronously, so granting under the lock never runs caller code.
    /// </summary>
    internal sealed class PacerWaiter
    {
        private readonly TaskCompletionSource<PacerLease> _completion = new TaskCompletionSource<PacerLease>(TaskCreationOptions.RunContinuationsAsynchronously);

        public PacerWaiter(RequestPriority priority, CancellationToken cancellationToken)
        {
            Priority = priority;
            CancellationToken = cancellationToken;
        }

        public RequestPriority Priority { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>True until granted or cancelled.</summary>
        public bool IsWaiting { get; private set; } = true;

        public Task<PacerLease> Task => _completion.Task;

        public void Grant(PacerLease lease)
        {
            IsWaiting = false;
            _completion.TrySetResult(lease);
        }

        public void Cancel()
        {
            IsWaiting = false;
            _completion.TrySetCanceled(CancellationToken);
        }

        public void Fail(Exception exception)
        {
            IsWaiting = false;
            _completion.TrySetException(exception);
        }
    }
}
