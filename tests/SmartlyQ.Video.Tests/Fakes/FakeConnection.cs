using SmartlyQ.Video.Core.Api;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Tests.Fakes
{
    internal static class FakeConnection
    {
        public static SmartlyQConnection For(FakeVideoProvider provider)
            => new SmartlyQConnection(provider, provider, new System.Uri("https://api.example.test/v1"), ApiKeyMode.Test, new AccountInfo { Name = "Test User" });
    }
}
