using System.Linq;
using System.Net.Http;
using SmartlyQ.Video.Core.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    /// <summary>The model list argument completion reads: at most one request per connection, nothing offline.</summary>
    public class ModelCatalogTests
    {
        [Fact]
        public void Without_a_connection_there_are_no_models()
            => Assert.Empty(ModelCatalog.ForCompletion(null));

        [Fact]
        public void The_first_completion_fetches_the_list_and_every_later_one_reads_the_connections_cache()
        {
            var provider = new FakeVideoProvider();
            using SmartlyQConnection connection = FakeConnection.For(provider);

            for (int keystroke = 0; keystroke < 5; keystroke++)
                Assert.Equal(new[] { "kling-v2-1", "pixverse-v4-5" }, ModelCatalog.ForCompletion(connection).Select(m => m.Model).ToArray());

            Assert.Equal(1, provider.ModelListCalls);
        }

        [Fact]
        public void Offline_gives_no_models_and_does_not_ask_again_at_the_next_keystroke()
        {
            var provider = new FakeVideoProvider { ModelListFailure = new HttpRequestException("Connection refused") };
            using SmartlyQConnection connection = FakeConnection.For(provider);

            Assert.Empty(ModelCatalog.ForCompletion(connection));
            Assert.Empty(ModelCatalog.ForCompletion(connection));

            Assert.Equal(1, provider.ModelListCalls);
        }

        [Fact]
        public void Values_follow_the_named_model_or_else_every_model_once()
        {
            var models = new FakeVideoProvider().Models;

            Assert.Equal(new[] { "Anime", "Cyberpunk" }, ModelCatalog.Values(models, "Style", "pixverse-v4-5"));
            Assert.Empty(ModelCatalog.Values(models, "Style", "kling-v2-1"));
            Assert.Equal(new[] { "5", "10", "8" }, ModelCatalog.Values(models, "Duration", null));
            Assert.Equal(new[] { "5", "8" }, ModelCatalog.Values(models, "Duration", "PIXVERSE-V4-5"));
            Assert.Equal(new[] { "720p", "1080p", "540p" }, ModelCatalog.Values(models, "Resolution", "no-such-model"));
            Assert.Equal(new[] { "kling-v2-1", "pixverse-v4-5" }, ModelCatalog.Values(models, "Model", null));
            Assert.Empty(ModelCatalog.Values(models, "Prompt", null));
        }
    }
}
