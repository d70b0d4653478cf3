using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>New-SqVideo: a row's own idempotency key is a field like the others; a bad one is that row's error only.</summary>
    public class IdempotencyKeyRowTests
    {
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();

        private static VideoRequest Astronaut(string? aspectRatio = null) => new VideoRequest
        {
            Model = "kling-v2-1", Type = VideoType.TextToVideo, Prompt = "A lone astronaut walks across a crimson desert at sunset", AspectRatio = aspectRatio,
        };

        [Fact]
        public async Task A_key_with_CRLF_is_a_row_error_naming_idempotency_key_and_the_next_row_is_submitted()
        {
            var operation = new NewVideoOperation(FakeConnection.For(_provider));
            var row = new { idempotency_key = "inj\r\nX-Evil: 1" };

            await operation.ProcessAsync(new NewVideoInput { Request = Astronaut(), IdempotencyKey = "inj\r\nX-Evil: 1", TargetObject = row }, _sink, CancellationToken.None);
            await operation.ProcessAsync(new NewVideoInput { Request = Astronaut(), IdempotencyKey = "row-2" }, _sink, CancellationToken.None);

            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("VALIDATION_ERROR", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Category);
            Assert.Same(row, error.TargetObject);
            Assert.Equal("idempotency_key", ((ArgumentException)error.Exception).ParamName);
            Assert.Contains("idempotency_key 'inj\\r\\nX-Evil: 1' contains the control character CR (U+000D) at position 4", error.Exception.Message);
            Assert.Contains("nothing charged", error.Exception.Message);
            Assert.Equal(-1, UnsafeCharacters.IndexOf(error.Exception.Message));
            var (_, key) = Assert.Single(_provider.Submissions);
            Assert.Equal("row-2", key);
        }

        [Fact]
        public async Task A_bad_key_and_a_bad_field_are_reported_together_in_one_error()
        {
            var operation = new NewVideoOperation(FakeConnection.For(_provider));

            await operation.ProcessAsync(new NewVideoInput { Request = Astronaut(aspectRatio: "4:3"), IdempotencyKey = new string('k', 300) }, _sink, CancellationToken.None);

            var error = Assert.IsType<VideoRequestValidationException>(Assert.Single(_sink.Errors).Exception);
            Assert.Equal(new[] { "aspect_ratio", "idempotency_key" }, error.Fields.Select(f => f.Field).ToArray());
            Assert.Contains("300 characters long", error.Message);
            Assert.Empty(_provider.Submissions);
        }

        [Theory]
        [InlineData("batch\r\nX-Evil: 1")]
        [InlineData("batch\u0000")]
        [InlineData("batch\u2028")]
        public void A_BatchId_with_a_control_character_is_refused_before_any_row(string batchId)
        {
            var ex = Assert.Throws<ArgumentException>(() => new NewVideoOperation(FakeConnection.For(_provider), new NewVideoOptions { BatchId = batchId }));

            Assert.Equal("batchId", ex.ParamName);
            Assert.Contains("BatchId 'batch\\", ex.Message);
            Assert.Empty(_provider.Submissions);
        }
    }
}
