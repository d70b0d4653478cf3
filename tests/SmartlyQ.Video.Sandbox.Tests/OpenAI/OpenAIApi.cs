using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>Calls and checks shared by the OpenAI emulator tests; paths are relative to the server root.</summary>
    internal static class OpenAIApi
    {
        public const string Key = SandboxServer.OpenAIKey;
        public const string Videos = "openai/v1/videos";

        /// <summary>Short poll hint, for tests that poll.</summary>
        public static readonly Action<SandboxOptions> Fast = o => o.OpenAI.PollAfterMs = 50;

        public static Task<ApiResponse> CreateAsync(TestSandbox sandbox, string json, string? key = Key) => sandbox.PostAsync(Videos, json, key);

        /// <summary>Creates a 4 s sora-2 video and returns its id.</summary>
        public static async Task<string> CreateIdAsync(TestSandbox sandbox, string json = "{\"prompt\":\"A calico cat playing a piano on stage\"}", string key = Key)
        {
            var response = await CreateAsync(sandbox, json, key);
            Assert.True(response.Status == 200, response.Raw);
            return response.Json.GetProperty("id").GetString()!;
        }

        /// <summary>Polls retrieve until the video reaches <paramref name="status"/> (bounded), as a client would.</summary>
        public static async Task<ApiResponse> WaitForStatusAsync(TestSandbox sandbox, string id, string status, string key = Key)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (true)
            {
                var response = await sandbox.GetAsync(Videos + "/" + id, key);
                Assert.True(response.Status == 200, response.Raw);
                if (response.Json.GetProperty("status").GetString() == status) return response;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Video {id} did not reach '{status}' in time; last body: {response.Raw}");
                await Task.Delay(50);
            }
        }

        /// <summary>POST as multipart/form-data, the way the official SDK sends create.</summary>
        public static async Task<ApiResponse> PostMultipartAsync(TestSandbox sandbox, string path, MultipartFormDataContent content, string? key = Key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (key != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var response = await sandbox.Http.SendAsync(request);
            return new ApiResponse(response, await response.Content.ReadAsStringAsync());
        }

        public static async Task<ApiResponse> PostRawAsync(TestSandbox sandbox, string path, string body, string contentType, string? key = Key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            if (key != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var response = await sandbox.Http.SendAsync(request);
            return new ApiResponse(response, await response.Content.ReadAsStringAsync());
        }

        /// <summary>OpenAI's error envelope: exactly message, type, param, code; a request id on the answer.</summary>
        public static JsonElement Error(ApiResponse response, int status, string? code, string? param = null, string type = "invalid_request_error")
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            Assert.StartsWith("application/json", response.Message.Content.Headers.ContentType?.ToString());
            Assert.Equal(new[] { "error" }, response.Json.EnumerateObject().Select(p => p.Name));
            var error = response.Json.GetProperty("error");
            Assert.Equal(new[] { "code", "message", "param", "type" }, error.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            Assert.Equal(type, error.GetProperty("type").GetString());
            Assert.Equal(code, NullableString(error.GetProperty("code")));
            Assert.Equal(param, NullableString(error.GetProperty("param")));
            Assert.StartsWith("req_", response.Header("x-request-id"));
            return error;
        }

        public static string? NullableString(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetString();
    }
}
