using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.NewApi
{
    /// <summary>Calls shared by the new-api gateway emulator tests: the token in <c>Authorization: Bearer</c>, paths under <c>/newapi</c>.</summary>
    internal static class NewApiGateway
    {
        public const string Key = SandboxServer.NewApiKey;
        public const string Base = "newapi/";
        public const string Kling5 = "{\"model\":\"kling-v1\",\"prompt\":\"A lighthouse at dawn, waves below\",\"duration\":5}";

        public static Task<ApiResponse> SendAsync(TestSandbox sandbox, HttpMethod method, string path, string? body = null, string? key = Key) =>
            sandbox.SendAsync(method, Base + path, key, body, new Dictionary<string, string>());

        public static Task<ApiResponse> GetAsync(TestSandbox sandbox, string path, string? key = Key) => SendAsync(sandbox, HttpMethod.Get, path, null, key);

        public static Task<ApiResponse> SubmitAsync(TestSandbox sandbox, string body = Kling5, string? key = Key) => SendAsync(sandbox, HttpMethod.Post, "v1/video/generations", body, key);

        public static async Task<string> SubmitTaskAsync(TestSandbox sandbox, string body = Kling5, string key = Key)
        {
            var response = await SubmitAsync(sandbox, body, key);
            Assert.True(response.Status == 200, response.Raw);
            return response.Json.GetProperty("id").GetString()!;
        }

        /// <summary>Fetches the task until <c>data.status</c> is <paramref name="status"/> (bounded).</summary>
        public static async Task<ApiResponse> WaitForStatusAsync(TestSandbox sandbox, string taskId, string status, string key = Key)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var response = await GetAsync(sandbox, "v1/video/generations/" + taskId, key);
                Assert.True(response.Status == 200, response.Raw);
                if (response.Data.GetProperty("status").GetString() == status) return response;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Task {taskId} did not reach '{status}' in time; last body: {response.Raw}");
                await Task.Delay(50);
            }
        }

        /// <summary>The task relay's envelope: exactly <c>{"code","message","data":null}</c> with <paramref name="code"/>; returns the message.</summary>
        public static string TaskError(ApiResponse response, int status, string code)
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            Assert.Equal(new[] { "code", "message", "data" }, System.Linq.Enumerable.Select(response.Json.EnumerateObject(), p => p.Name));
            Assert.Equal(code, response.Json.GetProperty("code").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("data").ValueKind);
            return response.Json.GetProperty("message").GetString()!;
        }
    }
}
