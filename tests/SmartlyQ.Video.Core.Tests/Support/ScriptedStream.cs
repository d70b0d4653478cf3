using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>A body that gives its bytes and then fails, like a dropped connection.</summary>
    internal sealed class ScriptedStream : FakeBody
    {
        private readonly string _failure;

        public ScriptedStream(byte[] data, string failure = "connection reset by peer")
            : base(data)
        {
            _failure = failure;
        }

        protected override ValueTask<int> AfterDataAsync(CancellationToken cancellationToken) => throw new IOException(_failure);
    }
}
