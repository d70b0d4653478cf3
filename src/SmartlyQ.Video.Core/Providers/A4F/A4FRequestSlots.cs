using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// The slots of one client's synchronous generations: at most <see cref="Limit"/> requests run at once, the others
    /// wait in submission order. The limit can change between submissions (each New-SqVideo run brings its own
    /// -ThrottleLimit); a lower one takes effect as running requests end. Thread-safe.
    /// </summary>
    internal sealed class A4FRequestSlots
    {
        private readonly object _gate = new object();
        private readonly LinkedList<TaskCompletionSource<bool>> _waiting = new LinkedList<TaskCompletionSource<bool>>();
        private int _limit;
        private int _running;

        /// <summary>Slots of <paramref name="limit"/> (at least 1).</summary>
        public A4FRequestSlots(int limit) => _limit = Math.Max(1, limit);

        /// <summary>Requests allowed at once (at least 1). Raising it lets waiting requests start.</summary>
        public int Limit
        {
            get { lock (_gate) return _limit; }
            set
            {
                lock (_gate) _limit = Math.Max(1, value);
                Wake();
            }
        }

        /// <summary>Requests holding a slot now.</summary>
        public int Running
        {
            get { lock (_gate) return _running; }
        }

        /// <summary>Takes a slot when one is free and nobody waits; false otherwise.</summary>
        public bool TryEnter()
        {
            lock (_gate)
            {
                if (_running >= _limit || _waiting.Count > 0) return false;
                _running++;
                return true;
            }
        }

        /// <summary>Waits for a slot; <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first (no slot is held then).</summary>
        public async Task EnterAsync(CancellationToken cancellationToken)
        {
            if (TryEnter()) return;
            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            LinkedListNode<TaskCompletionSource<bool>> node;
            lock (_gate) node = _waiting.AddLast(waiter);
            Wake();
            using (cancellationToken.Register(() =>
            {
                bool removed;
                lock (_gate)
                {
                    removed = node.List != null;
                    if (removed) _waiting.Remove(node);
                }
                if (removed) waiter.TrySetCanceled(cancellationToken);
            }))
            {
                await waiter.Task.ConfigureAwait(false);
            }
        }

        /// <summary>Gives a slot back; the oldest waiter gets it.</summary>
        public void Exit()
        {
            lock (_gate) _running--;
            Wake();
        }

        private void Wake()
        {
            while (true)
            {
                TaskCompletionSource<bool> next;
                lock (_gate)
                {
                    if (_waiting.Count == 0 || _running >= _limit) return;
                    next = _waiting.First!.Value;
                    _waiting.RemoveFirst();
                    _running++;
                }
                next.TrySetResult(true);
            }
        }
    }
}
