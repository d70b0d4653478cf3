using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class GetVideoModelOperationTests
    {
        private readonly FakeVideoProvider _provider = new FakeVideoProvider();
        private readonly FakeSink _sink = new FakeSink();

        private Task Run(string[]? name = null, string? type = null, bool refresh = false)
            => GetVideoModelOperation.RunAsync(FakeConnection.For(_provider), name, type, refresh, _sink, CancellationToken.None);

        [Fact]
        public async Task Wildcards_filter_by_model_id_case_insensitively()
        {
            await Run(new[] { "KLING*" });

            Assert.Equal("kling-v2-1", Assert.Single(_sink.OutputOf<VideoModel>()).Model);
        }

        [Fact]
        public async Task Type_filter_keeps_models_that_support_it()
        {
            _provider.Models[0] = new VideoModel { Model = "t2v-only", Types = new[] { VideoType.TextToVideo } };

            await Run(type: VideoType.ImageToVideo);

            Assert.Equal("pixverse-v4-5", Assert.Single(_sink.OutputOf<VideoModel>()).Model);
        }

        [Fact]
        public async Task Exact_name_that_matches_nothing_is_an_error_listing_the_models()
        {
            await Run(new[] { "sora-2", "pix*" });

            Assert.Single(_sink.OutputOf<VideoModel>());
            var error = Assert.Single(_sink.Errors);
            Assert.Equal("ModelNotFound", error.ErrorId);
            Assert.Contains("kling-v2-1, pixverse-v4-5", error.Exception.Message);
        }

        [Fact]
        public async Task List_is_cached_per_connection_until_Refresh()
        {
            var connection = FakeConnection.For(_provider);
            await GetVideoModelOperation.RunAsync(connection, null, null, false, _sink, CancellationToken.None);
            await GetVideoModelOperation.RunAsync(connection, null, null, false, _sink, CancellationToken.None);
            Assert.Equal(1, _provider.ModelListCalls);

            await GetVideoModelOperation.RunAsync(connection, null, null, true, _sink, CancellationToken.None);
            Assert.Equal(2, _provider.ModelListCalls);
            Assert.Equal(6, _sink.Output.Count);
        }
    }
}
