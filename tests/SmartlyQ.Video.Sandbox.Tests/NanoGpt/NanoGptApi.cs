using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NanoGpt
{
    /// <summary>Calls and checks shared by the NanoGPT emulator tests; the key goes in <c>x-api-key</c> unless a test says otherwise.</summary>
    internal static class NanoGptApi
    {
        public const string Key = SandboxServer.NanoGptKey;
        public const string Base = "nanogpt/api/";
        public const string Veo5 = "{\"model\":\"veo2-video\",\"prompt\":\"A serene lake at sunset with gentle ripples on the water\",\"duration\":\"5\"}";

        public static Task<ApiResponse> SendAsync(TestSandbox sandbox, HttpMethod method, string path, string? body = null, string? key = Key)
        {
            var headers = new Dictionary<string, string>();
            if (key != null) headers["x-api-key"] = key;
            return sandbox.SendAsync(method, Base + path, key: null, body, headers);
        }

        public static Task<ApiResponse> GetAsync(TestSandbox sandbox, string path, string? key = Key) => SendAsync(sandbox, HttpMethod.Get, path, null, key);

        public static Task<ApiResponse> GenerateAsync(TestSandbox sandbox, string body = Veo5, string? key = Key) => SendAsync(sandbox, HttpMethod.Post, "generate-video", body, key);

        public static async Task<string> SubmitAsync(TestSandbox sandbox, string body = Veo5, string key = Key)
        {
            var response = await GenerateAsync(sandbox, body, key);
            Assert.True(response.Status == 202, response.Raw);
            return response.Json.GetProperty("runId").GetString()!;
        }

        /// <summary>Polls the unified status endpoint until <c>data.status</c> is <paramref name="status"/> (bounded).</summary>
        public static async Task<ApiResponse> WaitForStatusAsync(TestSandbox sandbox, string runId, string status, string key = Key)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var response = await GetAsync(sandbox, "video/status?requestId=" + runId, key);
                Assert.True(response.Status == 200, response.Raw);
                if (response.Json.GetProperty("data").GetProperty("status").GetString() == status) return response;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Run {runId} did not reach '{status}' in time; last body: {response.Raw}");
                await Task.Delay(50);
            }
        }

        /// <summary>The video endpoints' error shape: exactly <c>{"error": status, "message"}</c>.</summary>
        public static string Error(ApiResponse response, int status)
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            Assert.Equal(new[] { "error", "message" }, response.Json.EnumerateObject().Select(p => p.Name));
            Assert.Equal(status, response.Json.GetProperty("error").GetInt32());
            var message = response.Json.GetProperty("message").GetString();
            Assert.False(string.IsNullOrEmpty(message));
            return message!;
        }

        /// <summary>The OpenAI-compatible shape NanoGPT uses on <c>/api/v1/…</c> and for 429s.</summary>
        public static JsonElement OpenAIStyleError(ApiResponse response, int status, string type)
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            var error = response.Json.GetProperty("error");
            Assert.Equal(JsonValueKind.Object, error.ValueKind);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            Assert.Equal(type, error.GetProperty("type").GetString());
            return error;
        }
    }
}
