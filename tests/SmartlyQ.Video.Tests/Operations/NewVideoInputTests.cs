using System.Collections.Generic;
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
    /// <summary>New-SqVideo's checks of its input itself: the columns of a row, and switches that are off.</summary>
    public class NewVideoInputTests
    {
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();

        private NewVideoOperation Operation() => new NewVideoOperation(FakeConnection.For(_provider), new NewVideoOptions
        {
            Columns = new ColumnNames()
                .Add("Model", new string[0])
                .Add("Prompt", new string[0])
                .Add("AspectRatio", new[] { "aspect_ratio" }),
        });

        private static NewVideoInput Row(params string[] columns) => new NewVideoInput
        {
            Request = new VideoRequest { Model = "kling-v2-1", Prompt = "a fox" },
            Columns = columns,
            TargetObject = columns,
        };

        [Fact]
        public async Task A_misspelled_column_makes_the_row_an_error_and_nothing_is_sent()
        {
            NewVideoInput row = Row("model", "prompt", "aspect ratio");

            await Operation().ProcessAsync(row, _sink, CancellationToken.None);

            Assert.Empty(_provider.Submissions);
            OperationError error = Assert.Single(_sink.Errors);
            Assert.Equal("VALIDATION_ERROR", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Category);
            Assert.Same(row.TargetObject, error.TargetObject);
            var validation = Assert.IsType<VideoRequestValidationException>(error.Exception);
            Assert.Equal("aspect ratio", validation.ParamName);
            Assert.Contains("column 'aspect ratio' binds to no parameter but looks like AspectRatio; rename it aspect_ratio or AspectRatio", validation.Message);
            Assert.StartsWith("Video request not sent (nothing charged): ", validation.Message);
        }

        [Fact]
        public async Task Unknown_columns_are_one_warning_per_pipeline_and_the_rows_are_sent()
        {
            NewVideoOperation operation = Operation();

            foreach (int _ in Enumerable.Range(0, 3))
                await operation.ProcessAsync(Row("model", "prompt", "note", "title"), _sink, CancellationToken.None);

            Assert.Equal(3, _provider.Submissions.Count);
            string warning = Assert.Single(_sink.Warnings);
            Assert.Contains("note, title", warning);
            Assert.Empty(_sink.Errors);
        }

        [Fact]
        public async Task Values_not_taken_from_an_object_are_not_checked()
        {
            await Operation().ProcessAsync(new NewVideoInput { Request = new VideoRequest { Model = "kling-v2-1", Prompt = "a fox" } }, _sink, CancellationToken.None);

            Assert.Single(_provider.Submissions);
            Assert.Empty(_sink.Warnings);
        }

        [Fact]
        public void A_false_flag_requests_nothing_and_is_not_sent_to_a_model_without_the_feature()
        {
            VideoRequest sent = VideoRequestValidator.Validate(
                new VideoRequest { Model = "kling-v2-1", Prompt = "p", GenerateAudio = false, CameraFixed = false }, _provider.Models);

            Assert.Null(sent.GenerateAudio);
            Assert.Null(sent.CameraFixed);
        }

        [Fact]
        public void A_false_flag_is_kept_for_a_model_with_the_feature_and_a_true_one_still_needs_it()
        {
            var models = new List<VideoModel>(_provider.Models)
            {
                new VideoModel { Model = "veo-3", Types = VideoType.All, Duration = new[] { 8 }, SupportsGenerateAudio = true },
            };

            VideoRequest sent = VideoRequestValidator.Validate(new VideoRequest { Model = "veo-3", Prompt = "p", GenerateAudio = false }, models);
            var refused = Assert.Throws<VideoRequestValidationException>(() =>
                VideoRequestValidator.Validate(new VideoRequest { Model = "kling-v2-1", Prompt = "p", GenerateAudio = true }, models));

            Assert.False(sent.GenerateAudio);
            Assert.Equal("generate_audio", refused.ParamName);
        }
    }
}
