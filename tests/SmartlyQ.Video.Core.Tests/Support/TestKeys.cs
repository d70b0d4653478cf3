namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>A recognisable fake key: no message or log line may ever contain <see cref="SecretPart"/>.</summary>
    internal static class TestKeys
    {
        public const string SecretPart = "SECRET123456";
        public const string Live = "sqk_live_" + SecretPart;
    }
}
