using System;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.Infrastructure
{
    /// <summary>Envelope checks shared by all contract tests.</summary>
    internal static class ApiAssert
    {
        public static void Success(ApiResponse response, int status = 200)
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            Assert.True(response.Json.GetProperty("success").GetBoolean());
            Assert.True(response.Json.TryGetProperty("data", out _), "success envelope lacks data");
            Meta(response);
        }

        public static void Error(ApiResponse response, int status, string code)
        {
            Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Raw}");
            Assert.False(response.Json.GetProperty("success").GetBoolean());
            Assert.Equal(code, response.ErrorCode);
            Assert.False(string.IsNullOrEmpty(response.Error.GetProperty("message").GetString()));
            Assert.Equal(JsonValueKind.Object, response.Error.GetProperty("details").ValueKind);
            Meta(response);
        }

        /// <summary><c>meta.request_id</c> present and equal to <c>X-Request-Id</c>; timestamp ISO-8601 UTC.</summary>
        public static void Meta(ApiResponse response)
        {
            Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
            var meta = response.Json.GetProperty("meta");
            var requestId = meta.GetProperty("request_id").GetString();
            Assert.StartsWith("req_", requestId);
            Assert.Equal(requestId, response.Header("X-Request-Id"));
            IsoUtc(meta.GetProperty("timestamp").GetString());
        }

        public static DateTimeOffset IsoUtc(string? value)
        {
            Assert.NotNull(value);
            Assert.EndsWith("Z", value);
            Assert.True(DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var parsed), $"'{value}' is not ISO-8601 UTC");
            return parsed;
        }

        /// <summary>Money is a string with exactly 4 decimals.</summary>
        public static decimal Money(JsonElement element)
        {
            Assert.Equal(JsonValueKind.String, element.ValueKind);
            var text = element.GetString()!;
            Assert.Matches(@"^-?\d+\.\d{4}$", text);
            return decimal.Parse(text, CultureInfo.InvariantCulture);
        }
    }
}
