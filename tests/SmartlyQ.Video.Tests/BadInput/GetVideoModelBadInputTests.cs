using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>
    /// Get-SqVideoModel (and Get-SqBalance, whose only input is the connection): unknown exact names are one error
    /// each listing the available models while the other names still return their models; a bad -Type stops the
    /// command listing the two types. Nothing is charged.
    /// </summary>
    public sealed class GetVideoModelBadInputTests : IClassFixture<SandboxFixture>
    {
        private readonly SandboxFixture _fixture;

        public GetVideoModelBadInputTests(SandboxFixture fixture) => _fixture = fixture;

        /// <summary>Name → (the -Name values, the unknown one, the models still written).</summary>
        public static readonly (string Name, string[] Names, string Unknown, string[] Written)[] NameCases =
        {
            ("unknown exact name 'sora-2'", new[] { "sora-2" }, "sora-2", new string[0]),
            ("unknown name between two good ones", new[] { "kling-v2-1", "sora-2", "veo-3" }, "sora-2", new[] { "kling-v2-1", "veo-3" }),
            ("display name 'Kling v2.1' instead of the id", new[] { "Kling v2.1" }, "Kling v2.1", new string[0]),
            ("id with a trailing space", new[] { "kling-v2-1 ", "pixverse-*" }, "kling-v2-1 ", new[] { "pixverse-v4-5" }),
        };

        public static readonly (string Name, string Type)[] TypeCases =
        {
            ("-Type 'video'", "video"),
            ("-Type 'text-to-video' with hyphens", "text-to-video"),
            ("empty -Type", ""),
        };

        public static TheoryData<string> NameCaseNames => new TheoryData<string>(NameCases.Select(c => c.Name));

        public static TheoryData<string> TypeCaseNames => new TheoryData<string>(TypeCases.Select(c => c.Name));

        [Theory]
        [MemberData(nameof(NameCaseNames))]
        public async Task Unknown_exact_name_is_one_error_listing_the_available_models_and_the_other_names_still_answer(string name)
        {
            var bad = NameCases.Single(c => c.Name == name);
            LedgerMark mark = _fixture.MarkLedger();
            var sink = new FakeSink();

            await GetVideoModelOperation.RunAsync(_fixture.Connection, bad.Names, null, refresh: true, sink, CancellationToken.None);

            OperationError error = Assert.Single(sink.Errors);
            Assert.Equal("ModelNotFound", error.ErrorId);
            Assert.Equal(ErrorKind.ObjectNotFound, error.Category);
            Assert.Equal(bad.Unknown, error.TargetObject);
            Assert.Equal("Name", ((ArgumentException)error.Exception).ParamName);
            Assert.Contains("No model named '" + bad.Unknown + "'", error.Exception.Message);
            NewVideoBadInputTests.AssertListsExactly(Catalog.Ids, error.Exception.Message);
            Assert.Equal(bad.Written, sink.OutputOf<VideoModel>().Select(m => m.Model).ToArray());
            Assert.Empty(mark.Since());
        }

        [Theory]
        [MemberData(nameof(TypeCaseNames))]
        public async Task Bad_Type_stops_the_command_naming_Type_and_listing_the_video_types(string name)
        {
            var bad = TypeCases.Single(c => c.Name == name);
            LedgerMark mark = _fixture.MarkLedger();
            var sink = new FakeSink();

            var ex = await Assert.ThrowsAsync<OperationTerminatedException>(() =>
                GetVideoModelOperation.RunAsync(_fixture.Connection, new[] { "kling-v2-1" }, bad.Type, refresh: false, sink, CancellationToken.None));

            Assert.Equal("InvalidType", ex.Error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Error.Category);
            Assert.Equal("Type", ((ArgumentException)ex.Error.Exception).ParamName);
            Assert.Contains("Type '" + bad.Type + "'", ex.Message);
            NewVideoBadInputTests.AssertListsExactly(string.Join(", ", VideoType.All), ex.Message);
            Assert.Empty(sink.Output);
            Assert.Empty(sink.Errors);
            Assert.Empty(mark.Since());
        }

        [Fact]
        public void Get_SqBalance_without_any_connection_says_to_run_Connect_SmartlyQ()
        {
            var ex = Assert.Throws<OperationTerminatedException>(() => ConnectionGuard.Require(null, null));

            Assert.Equal("NotConnected", ex.Error.ErrorId);
            Assert.Equal(ErrorKind.InvalidOperation, ex.Error.Category);
            Assert.Contains("Run Connect-SmartlyQ first (or pass -Connection)", ex.Message);
        }
    }
}
