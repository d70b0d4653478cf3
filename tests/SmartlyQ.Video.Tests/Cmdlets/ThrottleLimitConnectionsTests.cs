using System.Reflection;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers.SmartlyQ;
using SmartlyQ.Video.Core.Transport;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>Save-SqVideo's largest -ThrottleLimit must fit the connections the .NET Framework handler allows per host.</summary>
    public class ThrottleLimitConnectionsTests
    {
        [Fact]
        public void The_largest_ThrottleLimit_Save_SqVideo_accepts_leaves_connections_for_polls_on_NET_Framework()
        {
            PropertyInfo throttle = CmdletAssembly.Cmdlets["Save-SqVideo"].GetProperty("ThrottleLimit")!;
            CustomAttributeData range = CmdletAssembly.Attribute(throttle, "ValidateRangeAttribute")!;
            int max = (int)range.ConstructorArguments[1].Value!;

            Assert.Equal(SaveVideoOptions.MaxThrottleLimit, max);
            using var handler = ClientHandlerFactory.Create(netFramework: true);
            Assert.True(handler.MaxConnectionsPerServer >= max + 8, "connections per host " + handler.MaxConnectionsPerServer + " for -ThrottleLimit up to " + max);
        }
    }
}
