using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>
    /// The main pipeline as a key's only client against a tight rate limit (6 requests per 2 s, every request with the
    /// key counted, downloads included): the module paces itself and never receives a 429.
    /// </summary>
    public sealed class RateLimitedPipelineTests : IAsyncLifetime
    {
        private const int Rows = 10;
        private readonly string _videos = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-paced-" + Guid.NewGuid().ToString("N"))).FullName;
        private SandboxServer _sandbox = null!;

        public async Task InitializeAsync()
            => _sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                RateLimitPermits = 6,
                RateLimitWindow = TimeSpan.FromSeconds(2),
                QueuedDuration = TimeSpan.FromMilliseconds(100),
                ProcessingDuration = TimeSpan.FromMilliseconds(300),
            });

        public async Task DisposeAsync()
        {
            await _sandbox.DisposeAsync();
            Directory.Delete(_videos, recursive: true);
        }

        [Fact]
        public async Task A_batch_over_several_windows_receives_no_429_and_saves_every_video()
        {
            CancellationToken ct = CancellationToken.None;
            using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                new ConnectParameters { ApiKey = TestSecrets.Secure(SandboxServer.TestKey), BaseUri = _sandbox.BaseUri }, new FakeSink(), ct);
            var submitted = new FakeSink();
            var waited = new FakeSink();
            var saved = new FakeSink();
            var newVideo = new NewVideoOperation(connection);
            using var save = new SaveVideoOperation(connection, new SaveVideoOptions { Directory = _videos });

            using (var wait = new WaitJobOperation(connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 300 }))
            {
                for (int i = 0; i < Rows; i++)
                {
                    await newVideo.ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "Paced shot " + i, Duration = 5 } }, submitted, ct);
                    foreach (VideoJob job in submitted.OutputOf<VideoJob>().Skip(i)) wait.Track(job, job);
                }

                await wait.WaitAllAsync(waited, ct);
            }

            foreach (VideoJob job in waited.OutputOf<VideoJob>()) await save.ProcessAsync(job, null, job, saved, ct);
            await save.CompleteAsync(saved, ct);

            Assert.Empty(submitted.Errors.Concat(waited.Errors).Concat(saved.Errors));
            Assert.Equal(Rows, saved.SavedFiles().Count);
            Assert.Equal(0, _sandbox.Stats.ForKey(SandboxServer.TestKey).TooManyRequests);
            var client = (SmartlyQClient)connection.Videos;
            Assert.Equal(0, client.Statistics.RateLimited429Received);
            Assert.True(client.Statistics.Requests > 12, "the batch must span several 6-request windows");
        }
    }
}
