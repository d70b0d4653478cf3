using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;

namespace SmartlyQ.Video.Tests.Contract
{
    /// <summary>
    /// The provider–emulator pairs of the contract suite: every provider that is both in the registry and emulated by
    /// the sandbox. A new provider joins the suite by registering and adding its emulator; it is done when it passes.
    /// </summary>
    internal static class ContractSandbox
    {
        /// <summary>Fast jobs and no practical rate limit unless a test says otherwise.</summary>
        public static SandboxOptions Fast(Action<SandboxOptions>? change = null)
        {
            var options = new SandboxOptions
            {
                QueuedDuration = TimeSpan.FromMilliseconds(100),
                ProcessingDuration = TimeSpan.FromMilliseconds(200),
                RateLimitPermits = 100000,
            };
            change?.Invoke(options);
            return options;
        }

        /// <summary>xUnit member data: one row per registered and emulated provider.</summary>
        public static IEnumerable<object[]> Providers()
        {
            var emulated = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "SmartlyQ", "OpenAI", "NanoGPT", "NewApi", "Kling", "Jimeng", "A4F" };
            return ProviderRegistry.All.Where(p => emulated.Contains(p.Name)).Select(p => new object[] { p.Name });
        }

        /// <summary>Connects to <paramref name="provider"/>'s emulator through Connect-SmartlyQ's operation, with the key the sandbox lists (or <paramref name="key"/>).</summary>
        public static Task<SmartlyQConnection> Connect(SandboxServer sandbox, string provider, string? key = null, int? maxRetries = null)
        {
            SandboxProvider entry = sandbox.Providers.Single(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase));
            return ConnectOperation.ConnectAsync(
                new ConnectParameters
                {
                    Provider = provider,
                    ApiKey = TestSecrets.Secure(key ?? entry.ApiKey!),
                    BaseUri = entry.BaseUri,
                    RetryBaseDelay = TimeSpan.FromMilliseconds(10),
                    MaximumRetryCount = maxRetries,
                },
                new FakeSink(), CancellationToken.None);
        }

        /// <summary>A request the provider's first text-to-video model accepts, checked by the shared validator.</summary>
        public static async Task<VideoRequest> ValidRequest(IVideoProvider provider, string prompt)
        {
            IReadOnlyList<VideoModel> models = await provider.ListModelsAsync(CancellationToken.None);
            VideoModel model = models.First(m => m.Types.Count == 0 || m.Types.Contains(VideoType.TextToVideo));
            var request = new VideoRequest
            {
                Model = model.Model,
                Type = VideoType.TextToVideo,
                Prompt = prompt,
                Duration = model.Duration.Count > 0 ? model.Duration.Min() : (int?)null,
            };
            return VideoRequestValidator.Validate(request, models);
        }

        /// <summary>Polls until the job ends (the sandbox's jobs take well under a second), at most <paramref name="limit"/>.</summary>
        public static async Task<JobSnapshot> UntilTerminal(IVideoProvider provider, string jobId, TimeSpan? limit = null)
        {
            DateTime deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
            while (true)
            {
                JobSnapshot job = await provider.GetJobAsync(jobId, CancellationToken.None);
                if (job.Status.IsTerminal() || DateTime.UtcNow > deadline) return job;
                await Task.Delay(100);
            }
        }
    }
}
