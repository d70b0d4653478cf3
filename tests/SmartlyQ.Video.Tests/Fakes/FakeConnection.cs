using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Tests.Fakes
{
    internal static class FakeConnection
    {
        public static SmartlyQConnection For(FakeVideoProvider provider)
            => new SmartlyQConnection(provider, ApiKeyMode.Test, new AccountInfo { Name = "Test User" });
    }
}
