using System;
using SmartlyQ.Video.Core.Downloads;
using SmartlyQ.Video.Core.Models;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Downloads
{
    /// <summary>-FileName: only {job_uid} and {model} are placeholders; anything else in braces is an error that lists them.</summary>
    public class FileNameTemplateTests
    {
        private static readonly VideoJob Job = new VideoJob { JobUid = "job_1", Model = "kling-v2-1" };

        [Theory]
        [InlineData(null, "job_1.mp4")]
        [InlineData("{model}-{job_uid}", "kling-v2-1-job_1.mp4")]
        [InlineData("{MODEL}_{Job_Uid}.mov", "kling-v2-1_job_1.mov")]
        [InlineData("clip", "clip.mp4")]
        public void Known_placeholders_are_replaced_whatever_their_case(string? template, string expected)
            => Assert.Equal(expected, FileNameTemplate.Expand(template, Job));

        [Fact]
        public void An_unknown_placeholder_is_an_error_naming_it_and_listing_the_valid_ones()
        {
            var ex = Assert.Throws<ArgumentException>(() => FileNameTemplate.Expand("{prompt}.mp4", Job));

            Assert.Equal("FileName", ex.ParamName);
            Assert.Contains("unknown placeholder {prompt}; valid placeholders: {job_uid}, {model}", ex.Message);
        }

        [Fact]
        public void Several_unknown_placeholders_are_each_named_once()
        {
            var ex = Assert.Throws<ArgumentException>(() => FileNameTemplate.Validate("{a}-{b}-{a}-{job_uid}"));

            Assert.Contains("unknown placeholders {a}, {b};", ex.Message);
        }

        [Fact]
        public void A_value_that_looks_like_a_placeholder_is_not_expanded_again()
        {
            var job = new VideoJob { JobUid = "job_1", Model = "{job_uid}" };

            Assert.Throws<ArgumentException>(() => FileNameTemplate.Expand("{model}", new VideoJob { JobUid = "job_1", Model = "a/b" }));
            Assert.Equal("{job_uid}-job_1.mp4", FileNameTemplate.Expand("{model}-{job_uid}", job));
        }
    }
}
