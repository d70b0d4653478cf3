using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Providers.OpenAI;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Providers.OpenAI
{
    /// <summary>OpenAI's x-ratelimit-*-requests headers, whose reset is a Go-style duration.</summary>
    public sealed class OpenAIRateLimitTests
    {
        [Theory]
        [InlineData("6m0s", 360_000)]
        [InlineData("1s", 1000)]
        [InlineData("1.5s", 1500)]
        [InlineData("20ms", 20)]
        [InlineData("1h2m3.5s", 3_723_500)]
        [InlineData("17.28s", 17_280)]
        [InlineData("2", 2000)]
        public void Durations_are_read_in_Gos_format(string text, double milliseconds)
            => Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), OpenAIDuration.Parse(text));

        [Theory]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("5x")]
        [InlineData("-1s")]
        [InlineData("m")]
        public void Anything_else_is_no_duration(string text) => Assert.Null(OpenAIDuration.Parse(text));

        [Fact]
        public void The_headers_give_limit_remaining_and_a_reset_measured_from_the_answer()
        {
            var response = new HttpResponseMessage();
            response.Headers.Add("x-ratelimit-limit-requests", "50");
            response.Headers.Add("x-ratelimit-remaining-requests", "49");
            response.Headers.Add("x-ratelimit-reset-requests", "1m12s");
            DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

            RateLimitInfo info = new OpenAIRateLimitReader().Read(response, now);

            Assert.Equal(50, info.Limit);
            Assert.Equal(49, info.Remaining);
            Assert.Equal(1_780_000_072, info.Reset);
        }

        [Fact]
        public void A_gateway_without_the_headers_teaches_nothing()
            => Assert.False(new OpenAIRateLimitReader().Read(new HttpResponseMessage(), DateTimeOffset.UtcNow).Any);
    }
}
