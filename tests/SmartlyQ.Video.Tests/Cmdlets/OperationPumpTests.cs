using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>
    /// The async pump every cmdlet runs through, driven with a fake host (no PowerShell engine here): requests run
    /// on the calling thread in order, ShouldProcess answers travel back, and failures and stops end it cleanly.
    /// </summary>
    public sealed class OperationPumpTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public void Requests_run_on_the_calling_thread_in_the_order_they_were_made()
        {
            var host = new FakeHost();
            int pipelineThread = Environment.CurrentManagedThreadId;

            OperationPump.Run(async (sink, ct) =>
            {
                await Task.Yield();
                sink.WriteVerbose("v");
                sink.WriteObject(1);
                sink.WriteWarning("w");
                sink.WriteError(new OperationError(new InvalidOperationException("e"), "E", ErrorKind.InvalidOperation, null));
                sink.WriteProgress(new OperationProgress { Activity = "p" });
                await Task.Delay(10, ct);
                sink.WriteObject(2);
            }, host, new CancellationTokenSource());

            Assert.Equal(new[] { "verbose:v", "object:1", "warning:w", "error:E", "progress:p", "object:2" }, host.Calls);
            Assert.All(host.Threads, t => Assert.Equal(pipelineThread, t));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void ShouldProcess_is_answered_on_the_calling_thread_and_the_answer_reaches_the_operation(bool answer)
        {
            var host = new FakeHost { ShouldProcessAnswer = answer };
            bool? seen = null;

            OperationPump.Run(async (sink, ct) =>
            {
                seen = await sink.ShouldProcessAsync("target", "action", ct);
                if (seen == true) sink.WriteObject("done");
            }, host, new CancellationTokenSource());

            Assert.Equal(answer, seen);
            Assert.Equal(answer ? new[] { "should:target/action", "object:done" } : new[] { "should:target/action" }, host.Calls);
            Assert.All(host.Threads, t => Assert.Equal(Environment.CurrentManagedThreadId, t));
        }

        [Fact]
        public void A_cancelled_ShouldProcess_question_is_not_asked()
        {
            var host = new FakeHost();

            OperationPump.Run(async (sink, ct) =>
            {
                using var cancelled = new CancellationTokenSource();
                cancelled.Cancel();
                try
                {
                    await sink.ShouldProcessAsync("target", "action", cancelled.Token);
                }
                catch (OperationCanceledException)
                {
                    sink.WriteObject("cancelled");
                }
            }, host, new CancellationTokenSource());

            Assert.Equal(new[] { "object:cancelled" }, host.Calls);
        }

        [Fact]
        public void A_host_exception_cancels_the_operation_waits_for_it_and_is_rethrown_as_is()
        {
            var refused = new InvalidOperationException("pipeline stopped");
            var host = new FakeHost { ThrowOnObject = refused };
            bool operationFinished = false;
            var stop = new CancellationTokenSource();

            var thrown = Assert.Throws<InvalidOperationException>(() => OperationPump.Run(async (sink, ct) =>
            {
                try
                {
                    sink.WriteObject(1);
                    await Task.Delay(Patience, ct);
                }
                finally
                {
                    sink.WriteObject("dropped"); // after the failure nothing more runs on the host
                    operationFinished = true;
                }
            }, host, stop));

            Assert.Same(refused, thrown);
            Assert.True(operationFinished);
            Assert.True(stop.IsCancellationRequested);
            Assert.Equal(new[] { "object:1" }, host.Calls);
        }

        [Fact]
        public void An_OperationTerminatedException_reaches_the_caller()
        {
            var error = new OperationError(new InvalidOperationException("401"), "AUTHENTICATION_ERROR", ErrorKind.AuthenticationError, null);

            var thrown = Assert.Throws<OperationTerminatedException>(() => OperationPump.Run(async (sink, ct) =>
            {
                await Task.Yield();
                throw new OperationTerminatedException(error);
            }, new FakeHost(), new CancellationTokenSource()));

            Assert.Same(error, thrown.Error);
        }

        [Fact]
        public void Stopping_ends_a_waiting_operation_quietly()
        {
            var stop = new CancellationTokenSource();
            var host = new FakeHost();

            OperationPump.Run(async (sink, ct) =>
            {
                sink.WriteObject("started");
                stop.CancelAfter(50); // StopProcessing, from another thread
                await Task.Delay(Patience, ct);
            }, host, stop);

            Assert.Equal(new[] { "object:started" }, host.Calls);
        }

        [Fact]
        public void A_pipeline_already_stopped_starts_nothing()
        {
            var stop = new CancellationTokenSource();
            stop.Cancel();

            var host = new FakeHost();
            OperationPump.Run((sink, ct) => sink.ShouldProcessAsync("t", "a", ct), host, stop);
            Assert.Empty(host.Calls);
        }

        [Fact]
        public void A_cancellation_that_is_not_a_stop_is_an_error()
        {
            Assert.ThrowsAny<OperationCanceledException>(() => OperationPump.Run(async (sink, ct) =>
            {
                await Task.Yield();
                throw new TaskCanceledException("HTTP timeout");
            }, new FakeHost(), new CancellationTokenSource()));
        }

        private sealed class FakeHost : IPipelineHost
        {
            public List<string> Calls { get; } = new List<string>();

            public bool VerboseWanted => true;

            public bool DebugWanted => true;

            public List<int> Threads { get; } = new List<int>();

            public bool ShouldProcessAnswer { get; init; } = true;

            public Exception? ThrowOnObject { get; init; }

            public void WriteObject(object value)
            {
                Record("object:" + value);
                if (ThrowOnObject != null) throw ThrowOnObject;
            }

            public void WriteError(OperationError error) => Record("error:" + error.ErrorId);

            public void WriteWarning(string message) => Record("warning:" + message);

            public void WriteVerbose(string message) => Record("verbose:" + message);

            public void WriteDebug(string message) => Record("debug:" + message);

            public void WriteProgress(OperationProgress progress) => Record("progress:" + progress.Activity);

            public bool ShouldProcess(string target, string action)
            {
                Record("should:" + target + "/" + action);
                return ShouldProcessAnswer;
            }

            private void Record(string call)
            {
                Calls.Add(call);
                Threads.Add(Environment.CurrentManagedThreadId);
            }
        }
    }
}
