using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Tests.Fakes
{
    /// <summary>Records what an operation writes, like a cmdlet's streams; answers ShouldProcess with <see cref="Confirm"/>.</summary>
    internal sealed class FakeSink : IOperationSink
    {
        public ConcurrentQueue<object> Output { get; } = new ConcurrentQueue<object>();
        public ConcurrentQueue<OperationError> Errors { get; } = new ConcurrentQueue<OperationError>();
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Verbose { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Debug { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<OperationProgress> Progress { get; } = new ConcurrentQueue<OperationProgress>();
        public ConcurrentQueue<(string Target, string Action)> ShouldProcessCalls { get; } = new ConcurrentQueue<(string, string)>();

        /// <summary>False simulates -WhatIf (or "No" at -Confirm).</summary>
        public bool Confirm { get; set; } = true;

        public List<T> OutputOf<T>() => Output.OfType<T>().ToList();

        /// <summary>The files Save-SqVideo's operation wrote (each <see cref="SavedVideo"/>'s file).</summary>
        public List<FileInfo> SavedFiles() => Output.OfType<SavedVideo>().Select(s => s.File).ToList();

        public void WriteObject(object value) => Output.Enqueue(value);
        public void WriteError(OperationError error) => Errors.Enqueue(error);
        public void WriteWarning(string message) => Warnings.Enqueue(message);
        public void WriteVerbose(string message) => Verbose.Enqueue(message);
        public void WriteDebug(string message) => Debug.Enqueue(message);
        public void WriteProgress(OperationProgress progress) => Progress.Enqueue(progress);

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
        {
            ShouldProcessCalls.Enqueue((target, action));
            return Task.FromResult(Confirm);
        }
    }
}
