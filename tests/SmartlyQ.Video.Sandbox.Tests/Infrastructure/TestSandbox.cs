using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Infrastructure
{
    /// <summary>A real sandbox on a loopback port plus a small HTTP helper. Short job timings unless a test says otherwise.</summary>
    internal sealed class TestSandbox : IAsyncDisposable
    {
        public const string Live = SandboxServer.LiveKey;
        public const string Test = SandboxServer.TestKey;

        private TestSandbox(SandboxServer server, SandboxOptions options)
        {
            Server = server;
            Options = options;
            Http = new HttpClient { BaseAddress = server.RootUri, Timeout = TimeSpan.FromSeconds(60) };
        }

        public SandboxServer Server { get; }
        public SandboxOptions Options { get; }
        public HttpClient Http { get; }

        public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null)
        {
            var options = new SandboxOptions
            {
                QueuedDuration = TimeSpan.FromMilliseconds(100),
                ProcessingDuration = TimeSpan.FromMilliseconds(200),
                RateLimitPermits = 10_000,
            };
            configure?.Invoke(options);
            return new TestSandbox(await SandboxServer.StartAsync(options), options);
        }

        public Task<ApiResponse> GetAsync(string path, string? key = Live) => SendAsync(HttpMethod.Get, path, key);

        public Task<ApiResponse> PostAsync(string path, string? body, string? key = Live, string? idempotencyKey = null, string idempotencyHeader = "X-Idempotency-Key")
        {
            var headers = new Dictionary<string, string>();
            if (idempotencyKey != null) headers[idempotencyHeader] = idempotencyKey;
            return SendAsync(HttpMethod.Post, path, key, body, headers);
        }

        public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? key = Live, string? body = null, IDictionary<string, string>? headers = null)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            if (key != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            if (headers != null)
                foreach (var pair in headers) request.Headers.TryAddWithoutValidation(pair.Key, pair.Value);
            var response = await Http.SendAsync(request);
            var raw = await response.Content.ReadAsStringAsync();
            return new ApiResponse(response, raw);
        }

        /// <summary>Submits a valid kling text-to-video job and returns its id.</summary>
        public async Task<string> SubmitAsync(string key = Live, string body = Bodies.Kling5)
        {
            var response = await PostAsync("v1/videos/generate", body, key);
            Assert.Equal(202, response.Status);
            return response.Data.GetProperty("job_uid").GetString()!;
        }

        /// <summary>Polls <c>GET /v1/jobs/{id}</c> until it reaches <paramref name="status"/> (bounded).</summary>
        public async Task<ApiResponse> WaitForStatusAsync(string jobId, string status, string key = Live)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var response = await GetAsync("v1/jobs/" + jobId, key);
                Assert.Equal(200, response.Status);
                if (response.Data.GetProperty("status").GetString() == status) return response;
                if (DateTime.UtcNow > deadline)
                    Assert.Fail($"Job {jobId} did not reach '{status}' in time; last body: {response.Raw}");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }

        public static string Json(object value) => JsonSerializer.Serialize(value);
    }

    /// <summary>Request bodies used across tests.</summary>
    internal static class Bodies
    {
        /// <summary>kling 5 s: costs 0.2800 at the default price (0.056/s).</summary>
        public const string Kling5 = "{\"model\":\"kling-v2-1\",\"type\":\"text_to_video\",\"prompt\":\"A lone astronaut walks across a crimson desert at sunset\",\"duration\":5}";

        /// <summary>The OpenAPI example: kling 10 s Professional 16:9, costs 0.5600.</summary>
        public const string Kling10 = "{\"model\":\"kling-v2-1\",\"type\":\"text_to_video\",\"prompt\":\"A lone astronaut walks across a crimson desert at sunset\",\"duration\":10,\"mode\":\"Professional\",\"aspect_ratio\":\"16:9\"}";

        /// <summary>The OpenAPI image example: pixverse 5 s 1080p Anime, costs 0.2000.</summary>
        public const string Pixverse = "{\"model\":\"pixverse-v4-5\",\"type\":\"image_to_video\",\"image_url\":\"https://example.com/my-image.jpg\",\"prompt\":\"Camera slowly pulls back to reveal the full scene\",\"duration\":5,\"resolution\":\"1080p\",\"style\":\"Anime\"}";
    }
}
