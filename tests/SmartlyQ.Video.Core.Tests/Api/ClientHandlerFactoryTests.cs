using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Api
{
    /// <summary>
    /// The handler a client builds for itself, inspected for the .NET Framework path (Windows PowerShell 5.1) although
    /// the tests run on .NET: there the defaults would allow 2 connections per host and leave TLS to the process.
    /// </summary>
    public class ClientHandlerFactoryTests
    {
        [Fact]
        public void On_NET_Framework_the_handler_allows_TLS_1_2_and_1_3_and_only_those()
        {
            using HttpClientHandler handler = ClientHandlerFactory.Create(netFramework: true);

            Assert.Equal(SslProtocols.Tls12 | (SslProtocols)12288, handler.SslProtocols);
            Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, handler.SslProtocols);
        }

        [Fact]
        public void On_NET_Framework_the_handler_has_a_connection_per_download_at_the_largest_ThrottleLimit_plus_room_for_polls()
        {
            using HttpClientHandler handler = ClientHandlerFactory.Create(netFramework: true);

            Assert.Equal(48, handler.MaxConnectionsPerServer);
            // Every download may come from the API's own host, next to the tracker's polls and a submission.
            Assert.True(handler.MaxConnectionsPerServer >= SaveVideoOptions.MaxThrottleLimit + 8 + 1);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Neither_handler_decompresses_so_a_resumed_Range_counts_stored_bytes(bool netFramework)
        {
            using HttpClientHandler handler = ClientHandlerFactory.Create(netFramework);

            Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
        }

        [Fact]
        public void On_NET_the_platform_defaults_stay_the_OS_TLS_choice_and_no_connection_cap()
        {
            using HttpClientHandler handler = ClientHandlerFactory.Create(netFramework: false);

            Assert.Equal(SslProtocols.None, handler.SslProtocols);
            Assert.Equal(int.MaxValue, handler.MaxConnectionsPerServer);
        }

        [Theory]
        [InlineData(".NET Framework 4.8.9032.0", true)]
        [InlineData(".NET Framework 4.7.2", true)]
        [InlineData(".NET 10.0.12", false)]
        [InlineData(".NET Core 3.1.32", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void The_runtime_is_recognised_by_its_framework_description(string? description, bool netFramework)
            => Assert.Equal(netFramework, ClientHandlerFactory.IsNetFramework(description));

        [Fact]
        public void This_test_process_is_not_NET_Framework_so_clients_here_keep_the_NET_defaults()
            => Assert.False(ClientHandlerFactory.RunningOnNetFramework);
    }
}
