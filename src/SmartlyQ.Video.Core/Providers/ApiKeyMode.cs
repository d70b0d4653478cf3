namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>Whether a key's jobs are charged.</summary>
    public enum ApiKeyMode
    {
        /// <summary>Production: real charges (every key of a provider without test keys).</summary>
        Live,

        /// <summary>A test key the provider does not charge, e.g. SmartlyQ's <c>sqk_test_*</c>.</summary>
        Test,
    }
}
