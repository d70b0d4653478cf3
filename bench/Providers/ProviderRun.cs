namespace SmartlyQ.Video.Bench.Providers
{
    /// <summary>One provider's part-5 batch: its result, or why it did not run.</summary>
    internal sealed class ProviderRun
    {
        public string Provider { get; set; } = "";
        public ProviderBatchResult? Result { get; set; }
        public string? Problem { get; set; }
    }
}
