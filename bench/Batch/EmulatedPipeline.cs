using System.Collections.Concurrent;
using System.Threading.Channels;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Bench.Batch
{
    /// <summary>
    /// <c>$rows | New-SqVideo | Wait-SqJob | Save-SqVideo -Path $dir</c> driven through the operations the way the cmdlets
    /// and PowerShell drive them (see src/SmartlyQ.Video/Pipeline/OperationPump.cs): one pipeline thread; each record's
    /// operation runs on a worker, and what it writes is handed, in order, to the next cmdlet's ProcessRecord on the
    /// pipeline thread, which does not take the next write until that ProcessRecord has returned. EndProcessing runs
    /// left to right once the input is exhausted. Cmdlet defaults throughout (Wait-SqJob -PollIntervalSec 5, …).
    /// </summary>
    internal sealed class EmulatedPipeline
    {
        private readonly SmartlyQConnection _connection;
        private readonly string _directory;
        private readonly CancellationToken _cancellationToken;

        public EmulatedPipeline(SmartlyQConnection connection, string directory, CancellationToken cancellationToken)
        {
            _connection = connection;
            _directory = directory;
            _cancellationToken = cancellationToken;
        }

        public List<VideoJob> Submitted { get; } = new List<VideoJob>();
        public List<VideoJob> Finished { get; } = new List<VideoJob>();
        public List<FileInfo> Saved { get; } = new List<FileInfo>();
        public ConcurrentQueue<string> Errors { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();

        /// <summary>Runs the whole pipeline; returns when Save-SqVideo's EndProcessing has returned (every file on disk).</summary>
        public async Task RunAsync(IReadOnlyList<NewVideoInput> rows)
        {
            CancellationToken ct = _cancellationToken;
            var newVideo = new NewVideoOperation(_connection);
            using var wait = new WaitJobOperation(_connection, new WaitJobOptions());
            using var save = new SaveVideoOperation(_connection, new SaveVideoOptions { Directory = _directory });

            // ProcessRecord of New-SqVideo per row; its output flows on at once.
            foreach (NewVideoInput row in rows)
                await RecordAsync(sink => newVideo.ProcessAsync(row, sink, ct), value => WaitRecordAsync(wait, save, value));

            // EndProcessing, left to right.
            await RecordAsync(sink => { newVideo.Complete(sink); return Task.CompletedTask; }, value => WaitRecordAsync(wait, save, value));
            await RecordAsync(sink => wait.WaitAllAsync(sink, ct), value => SaveRecordAsync(save, value));
            await RecordAsync(sink => save.CompleteAsync(sink, ct), EndOfPipeline);
        }

        private Task WaitRecordAsync(WaitJobOperation wait, SaveVideoOperation save, object value)
        {
            if (value is not VideoJob job) return Task.CompletedTask;
            Submitted.Add(job);
            return RecordAsync(sink =>
            {
                wait.Track(job, job);
                wait.WriteFinished(sink);
                return Task.CompletedTask;
            }, finished => SaveRecordAsync(save, finished));
        }

        private Task SaveRecordAsync(SaveVideoOperation save, object value)
        {
            if (value is not VideoJob job) return Task.CompletedTask;
            Finished.Add(job);
            return RecordAsync(sink => save.ProcessAsync(job, null, job, sink, _cancellationToken), EndOfPipeline);
        }

        private Task EndOfPipeline(object value)
        {
            if (value is SavedVideo saved) Saved.Add(saved.File);
            return Task.CompletedTask;
        }

        /// <summary>One ProcessRecord/EndProcessing: the operation on a worker, its writes drained here in order (the pump).</summary>
        private async Task RecordAsync(Func<IOperationSink, Task> operation, Func<object, Task> downstream)
        {
            var sink = new PumpSink(this);
            Task task = Task.Run(() => operation(sink), _cancellationToken);
            _ = task.ContinueWith(_ => sink.Close(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await foreach (object value in sink.Reader.ReadAllAsync(_cancellationToken).ConfigureAwait(false))
                await downstream(value).ConfigureAwait(false);
            await task.ConfigureAwait(false);
        }

        /// <summary>Objects go downstream through the channel; errors and warnings are recorded; ShouldProcess says yes (no -WhatIf).</summary>
        private sealed class PumpSink : IOperationSink
        {
            private readonly Channel<object> _objects = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            private readonly EmulatedPipeline _owner;

            public PumpSink(EmulatedPipeline owner) => _owner = owner;

            public ChannelReader<object> Reader => _objects.Reader;

            public void Close() => _objects.Writer.TryComplete();

            public void WriteObject(object value) => _objects.Writer.TryWrite(value);

            public void WriteError(OperationError error) => _owner.Errors.Enqueue(error.Exception.Message);

            public void WriteWarning(string message) => _owner.Warnings.Enqueue(message);

            public void WriteVerbose(string message)
            {
            }

            public void WriteDebug(string message)
            {
            }

            public void WriteProgress(OperationProgress progress)
            {
            }

            public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
        }
    }
}
